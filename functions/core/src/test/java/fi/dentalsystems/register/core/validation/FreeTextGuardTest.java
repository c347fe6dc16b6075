package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreeTextGuardTest {
    private static final String[] CODES = {"131052-308T", "010594Y9021", "020504A902E"};
    private static final String[] CARDS = {"4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005"};

    @Test
    void findsEachKindAndNamesItWithoutTheValue() {
        assertThat(FreeTextGuard.check("Caller gave 131052-308T on the phone"))
                .contains(SensitiveNumber.PERSONAL_IDENTITY_CODE);
        assertThat(FreeTextGuard.check("Paid with 4111 1111 1111 1111"))
                .contains(SensitiveNumber.PAYMENT_CARD_NUMBER);
        assertThat(FreeTextGuard.check("4111 1111 1111 1111 and 131052-308T"))
                .as("identity codes are looked for first").contains(SensitiveNumber.PERSONAL_IDENTITY_CODE);
    }

    @Test
    void messagesAreFixedAndHoldNoNumber() {
        assertThat(SensitiveNumber.PERSONAL_IDENTITY_CODE.message())
                .isEqualTo("must not contain a Finnish personal identity code");
        assertThat(SensitiveNumber.PAYMENT_CARD_NUMBER.message()).isEqualTo("must not contain a payment card number");
        for (SensitiveNumber kind : SensitiveNumber.values()) {
            assertThat(kind.message()).doesNotContainPattern("[0-9]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Asked about invoices", "Soitti 24.11.2026 klo 10.30, puh. 040 1487 672",
            "Y-tunnus 0250157-0, lasku 123456789015, 1 234,50 €", "Hampaat 11 12 13 14 15 16 17 18",
            "Tili FI49 5000 9420 0287 30", "syntynyt 13.10.1952", "ref 131052-308U"})
    void ordinaryTextPasses(String text) {
        assertThat(FreeTextGuard.check(text)).isEmpty();
        assertThat(FreeTextGuard.redact(text)).isEqualTo(text);
    }

    @Test
    void nullTextHoldsNothing() {
        assertThat(FreeTextGuard.check(null)).isEmpty();
        assertThat(FreeTextGuard.redact(null)).isEmpty();
    }

    @Test
    void redactRemovesBothKindsAndKeepsTheRest() {
        assertThat(FreeTextGuard.redact("hetu 131052-308T, kortti 4111-1111-1111-1111, puh 040 1487 672."))
                .isEqualTo("hetu [removed], kortti [removed], puh 040 1487 672.");
        assertThat(FreeTextGuard.check(FreeTextGuard.redact("131052-308T 4111 1111 1111 1111"))).isEmpty();
    }

    /** Text without digits: nothing to find. */
    @Provide
    Arbitrary<String> plainText() {
        return Arbitraries.strings().withChars("abcdefXYZäöå .,;:!?-+()\n").ofMaxLength(120);
    }

    @Property(tries = 500)
    void plainTextPassesUnchanged(@ForAll("plainText") String text) {
        assertThat(FreeTextGuard.check(text)).isEmpty();
        assertThat(FreeTextGuard.redact(text)).isEqualTo(text);
    }

    @Property(tries = 500)
    void aSecretAnywhereInPlainTextIsFoundAndRemoved(@ForAll("plainText") String before,
                                                     @ForAll("plainText") String after,
                                                     @ForAll("secrets") String secret) {
        String text = before + " " + secret + " " + after;
        SensitiveNumber expected = List.of(CODES).contains(secret)
                ? SensitiveNumber.PERSONAL_IDENTITY_CODE : SensitiveNumber.PAYMENT_CARD_NUMBER;
        assertThat(FreeTextGuard.check(text)).contains(expected);
        assertThat(FreeTextGuard.redact(text)).isEqualTo(before + " [removed] " + after);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.oneOf(Arbitraries.of(CODES), Arbitraries.of(CARDS));
    }
}
