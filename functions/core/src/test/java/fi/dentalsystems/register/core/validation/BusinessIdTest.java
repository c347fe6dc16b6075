package fi.dentalsystems.register.core.validation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

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
        assertThat(BusinessId.isValid("0112038-9")).isTrue();
        assertThat(BusinessId.parse(" 0112038-9 ")).map(BusinessId::value).contains("0112038-9");
        assertThat(BusinessId.parse("112038-9")).as("old six-digit form").map(BusinessId::value).contains("0112038-9");
    }

    @Test
    void malformedIdsAreInvalid() {
        for (String bad : new String[] {"", "0112038", "01120389", "0112038-", "0112038-99", "011203A-9", "0112038_9",
                "0112038-8", "-0112038-9", "x0112038-9"}) {
            assertThat(BusinessId.isValid(bad)).as(bad).isFalse();
        }
        assertThat(BusinessId.isValid(null)).isFalse();
        assertThatThrownBy(() -> new BusinessId("0112038-8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("0112038");
    }

    @Property(tries = 500)
    void exactlyOneCheckDigitFitsEveryIssuableBody(@ForAll @IntRange(min = 0, max = 9_999_999) int number) {
        String body = String.format(Locale.ROOT, "%07d", number);
        int r = remainder(body);
        long valid = IntStream.rangeClosed(0, 9).filter(d -> BusinessId.isValid(body + "-" + d)).count();
        if (r == 1) {
            assertThat(valid).as("no id is issued with remainder 1").isZero();
        } else {
            assertThat(valid).isEqualTo(1);
            int expected = r == 0 ? 0 : 11 - r;
            assertThat(BusinessId.isValid(body + "-" + expected)).isTrue();
        }
    }
}
