package fi.dentalsystems.register.core.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of the card scanner that the property tests do not reach (issue 15, mutation testing):
 * IBANs at their length limits, in either case, with letters at both ends of the alphabet, one right
 * after another, broken by a double separator; every separator a pasted number carries. The IBANs
 * below wrap the test card 4111 1111 1111 1111; their check digits were computed by ISO 13616 mod 97
 * outside the class under test (a valid IBAN hides the digits it holds, an invalid one does not).
 */
class PaymentCardNumberEdgesTest {
    /** Valid (mod 97 = 1): country "AZ" (letters at both ends of A–Z, 'A' = 10 the first two-digit value). */
    static final String IBAN_WITH_CARD = "AZ52 4111 1111 1111 1111";
    static final String CARD = "4111 1111 1111 1111";

    @Test
    void aValidIbanHidesTheCardDigitsItHoldsInEitherCase() {
        assertThat(PaymentCardNumber.occursIn(IBAN_WITH_CARD)).isFalse();
        assertThat(PaymentCardNumber.occursIn(IBAN_WITH_CARD.toLowerCase(java.util.Locale.ROOT))).isFalse();
        assertThat(PaymentCardNumber.occursIn("Tilille " + IBAN_WITH_CARD + ".")).isFalse();
        assertThat(PaymentCardNumber.redact(IBAN_WITH_CARD, "[x]")).isEqualTo(IBAN_WITH_CARD);
    }

    @Test
    void anIbanWhoseCheckDigitsAreWrongHidesNothing() {
        assertThat(PaymentCardNumber.occursIn("AZ53 4111 1111 1111 1111")).isTrue();
        assertThat(PaymentCardNumber.occursIn("AZ51 4111 1111 1111 1111")).isTrue();
        assertThat(PaymentCardNumber.redact("AZ53 4111 1111 1111 1111", "[x]")).isEqualTo("AZ53 [x]");
    }

    @Test
    void anIbanOfFifteenCharactersCountsAndOneOfThirtyFiveDoesNot() {
        // "AA19" + 11 digits: valid at 15, and its 13 digits alone would pass Luhn
        assertThat(PaymentCardNumber.occursIn("AA1937783533740")).isFalse();
        assertThat(PaymentCardNumber.occursIn("AB1937783533740")).as("invalid: the digits are a card").isTrue();
        // mod 97 = 1 only at 35 characters, one more than an IBAN may have
        assertThat(PaymentCardNumber.occursIn("AA87 4111 1111 1111 1111 0000 0000 0000 000")).isTrue();
    }

    @Test
    void anIbanRightAfterAnotherIsRecognisedToo() {
        assertThat(PaymentCardNumber.occursIn(IBAN_WITH_CARD + "," + IBAN_WITH_CARD)).isFalse();
        assertThat(PaymentCardNumber.occursIn(IBAN_WITH_CARD + ", " + IBAN_WITH_CARD)).isFalse();
    }

    @Test
    void aFailedIbanCandidateDoesNotSpoilTheNextOne() {
        assertThat(PaymentCardNumber.occursIn("XX12, " + IBAN_WITH_CARD)).isFalse();
        assertThat(PaymentCardNumber.occursIn("FI12, AZ53 4111 1111 1111 1111")).isTrue();
    }

    @Test
    void aDoubleSeparatorEndsAnIbanSoTheCardAfterItIsFound() {
        assertThat(PaymentCardNumber.occursIn("AZ52  4111 1111 1111 1111")).isTrue();
        assertThat(PaymentCardNumber.occursIn("AZ52 -4111 1111 1111 1111")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB12 3456 ", "AB12 3456-", "AB12 ", "4111 1111 1111 1111 ", "x 4111 1111 1111 1111-"})
    void aTrailingSeparatorEndsTheTextSafely(String text) {
        assertThat(PaymentCardNumber.occursIn(text)).isEqualTo(text.contains("4111"));
        assertThat(PaymentCardNumber.redact(text, "[x]")).doesNotContain("4111");
    }

    @ParameterizedTest
    @ValueSource(chars = {' ', '-', '\u00A0', '\u2007', '\u202F', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212'})
    void everySeparatorAPastedNumberCarriesJoinsItsGroups(char separator) {
        String card = CARD.replace(' ', separator);
        assertThat(PaymentCardNumber.occursIn("card " + card + " ok")).as("U+%04X", (int) separator).isTrue();
        assertThat(PaymentCardNumber.redact("card " + card + " ok", "[x]")).isEqualTo("card [x] ok");
    }

    @ParameterizedTest
    @ValueSource(chars = {'x', '.', '/', '_', '\u2014', '\u200F', '\u2009', '\u2214', '\t', '+'})
    void noOtherCharacterJoinsGroups(char other) {
        String text = CARD.replace(' ', other);
        assertThat(PaymentCardNumber.occursIn(text)).as("U+%04X", (int) other).isFalse();
    }

    @Test
    void theFirstCardOfSeveralIsFoundAndEachIsRedactedOnce() {
        String two = CARD + " and 5555 5555 5555 4444";
        assertThat(PaymentCardNumber.occursIn(two)).isTrue();
        assertThat(PaymentCardNumber.redact(two, "[x]")).isEqualTo("[x] and [x]");
    }
}
