package fi.dentalsystems.register.core.validation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessIdTest {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    private static int remainder(String body) {
        return IntStream.range(0, 7).map(i -> (body.charAt(i) - '0') * WEIGHTS[i]).sum() % 11;
    }

    @Test
    void knownIdsAreValid() {
        assertThat(BusinessId.isValid("0250157-0")).as("Dental-Systems Oy").isTrue();
        assertThat(BusinessId.isValid("0112038-9")).as("Nokia").isTrue();
        assertThat(BusinessId.parse("0250157-0")).contains(new BusinessId("0250157-0"));
    }

    @Test
    void parseTrimsAndPadsTheOldSixDigitForm() {
        assertThat(BusinessId.parse(" \t0112038-9\n")).map(BusinessId::value).contains("0112038-9");
        assertThat(BusinessId.parse("112038-9")).as("old six-digit form").map(BusinessId::value).contains("0112038-9");
        assertThat(BusinessId.parse(" 250157-0 ")).map(BusinessId::value).contains("0250157-0");
        assertThat(BusinessId.parse("112038-8")).as("padded, but wrong check digit").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0112038", "01120389", "0112038-", "0112038-99", "011203A-9", "0112038_9",
            "0112038 9", "0112038-8", "-0112038-9", "x0112038-9", "0112038-9x", "00112038-9", "12038-9",
            "0112038–9", "０１１２０３８-９", "0112038-٩", "FI01120389"})
    void malformedOrWrongIdsAreInvalid(String bad) {
        assertThat(BusinessId.isValid(bad)).isFalse();
        assertThat(BusinessId.parse(bad)).isEmpty();
    }

    @Test
    void nullIsInvalid() {
        assertThat(BusinessId.isValid(null)).isFalse();
        assertThat(BusinessId.parse(null)).isEmpty();
    }

    @Test
    void constructorAcceptsOnlyTheCanonicalFormAndDoesNotEchoTheValue() {
        assertThat(new BusinessId("0112038-9").value()).isEqualTo("0112038-9");
        for (String bad : new String[] {"0112038-8", "112038-9", " 0112038-9", "0112038-9 "}) {
            assertThatThrownBy(() -> new BusinessId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("112038");
        }
        assertThatThrownBy(() -> new BusinessId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 1000)
    void exactlyOneCheckDigitFitsEachBodyUnlessTheRemainderIsOne(@ForAll @IntRange(max = 9_999_999) int number) {
        String body = String.format(Locale.ROOT, "%07d", number);
        int r = remainder(body);
        for (int d = 0; d <= 9; d++) {
            boolean expected = r != 1 && d == (r == 0 ? 0 : 11 - r);
            assertThat(BusinessId.isValid(body + "-" + d)).as("%s-%d (remainder %d)", body, d, r).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    void sixDigitBodiesMeanTheSameIdPaddedWithAZero(@ForAll @IntRange(max = 999_999) int number) {
        String six = String.format(Locale.ROOT, "%06d", number);
        for (int d = 0; d <= 9; d++) {
            assertThat(BusinessId.parse(six + "-" + d)).as(six + "-" + d).isEqualTo(BusinessId.parse("0" + six + "-" + d));
        }
    }

    @Property(tries = 1000)
    void whateverParsesIsCanonical(@ForAll String raw) {
        BusinessId.parse(raw).ifPresent(id -> {
            assertThat(id.value()).matches("[0-9]{7}-[0-9]");
            assertThat(raw.strip()).isIn(id.value(), id.value().substring(1));
        });
    }
}
