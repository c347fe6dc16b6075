package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentCardNumberTest {

    /** The digit that makes payload + digit pass Luhn, computed independently of the class under test. */
    static char luhnCheckDigit(String payload) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** Random 13–19 digit Luhn-valid numbers that do not start with 0 (no card range does). */
    @Provide
    Arbitrary<String> cardNumbers() {
        return Arbitraries.integers().between(13, 19).flatMap(length ->
                Arbitraries.strings().numeric().ofLength(length - 1)
                        .filter(s -> s.charAt(0) != '0')
                        .map(payload -> payload + luhnCheckDigit(payload)));
    }

    static String groupedBy4(String number, String separator) {
        return number.replaceAll("(\\d{4})(?=\\d)", "$1" + separator);
    }

    /** Groups of 4–6 digits (the last one may be shorter), each joined by a random space or hyphen. */
    static String groupedAtRandom(String number, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < number.length()) {
            int size = Math.min(4 + random.nextInt(3), number.length() - i);
            if (i > 0) {
                out.append(random.nextBoolean() ? ' ' : '-');
            }
            out.append(number, i, i + size);
            i += size;
        }
        return out.toString();
    }

    @Test
    void luhnExamples() {
        assertThat(PaymentCardNumber.luhnValid("4111111111111111")).isTrue();
        assertThat(PaymentCardNumber.luhnValid("79927398713")).isTrue();
        assertThat(PaymentCardNumber.luhnValid("378282246310005")).isTrue();
        assertThat(PaymentCardNumber.luhnValid("4111111111111112")).isFalse();
        assertThat(PaymentCardNumber.luhnValid("79927398710")).isFalse();
        assertThat(PaymentCardNumber.luhnValid("4111 1111 1111 1111")).as("digits only").isFalse();
        assertThat(PaymentCardNumber.luhnValid("")).isFalse();
        assertThat(PaymentCardNumber.luhnValid(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "4111 1111-1111 1111",
            "3782 822463 10005", "5555 5555 5555 4444", "6011000990139424", "4222222222222",
            "4111\u00A01111\u00A01111\u00A01111", "4111\u20131111\u20131111\u20131111"})
    void cardNumbersAreFoundInTheirUsualForms(String card) {
        assertThat(PaymentCardNumber.occursIn("card " + card + " exp 12/29")).isTrue();
        assertThat(PaymentCardNumber.occursIn(card)).isTrue();
        assertThat(PaymentCardNumber.redact("card " + card + ".", "[removed]")).isEqualTo("card [removed].");
    }

    @Test
    void aCardFollowedByOtherNumbersIsStillFound() {
        assertThat(PaymentCardNumber.redact("4111 1111 1111 1111 12/29 cvc 123", "*")).isEqualTo("* 12/29 cvc 123");
        assertThat(PaymentCardNumber.redact("4111 1111 1111 1111 2029", "*")).isEqualTo("* 2029");
        assertThat(PaymentCardNumber.redact("ref 1234 4111 1111 1111 1111", "*")).isEqualTo("ref 1234 *");
    }

    @Test
    void digitsRightBeforeOrAfterMakeItAnotherNumber() {
        assertThat(PaymentCardNumber.luhnValid("94111111111111111")).as("precondition").isFalse();
        assertThat(PaymentCardNumber.occursIn("94111111111111111")).isFalse();
        assertThat(PaymentCardNumber.occursIn("41111111111111110")).isFalse();
        assertThat(PaymentCardNumber.occursIn("41111111111111111111")).as("20 digits").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"puh. 040 1487 672", "+358 40 1487 672", "040 1487 672, 020 177 2300",
            "+358401487672 +358201772300", "Y-tunnus 0250157-0", "invoice 123456789015", "lasku 1234-5678-9012",
            "24.11.2026 klo 10.30", "2026-11-24T10:30:00Z", "1 234 567,89 €", "00100 Helsinki",
            "hampaat 11 12 13 14 15 16 17 18 21 22 23 24 25 26 27 28", "0000 0000 0000 0000", "0401487672401487",
            "FI21 1234 5600 0007 85", "FI49 5000 9420 0287 30", "fi4950009420028730", "DE89 3704 0044 0532 0130 00",
            "131052-308T", ""})
    void ordinaryNumbersAreNotCards(String text) {
        assertThat(PaymentCardNumber.occursIn(text)).isFalse();
        assertThat(PaymentCardNumber.redact(text, "[removed]")).isEqualTo(text);
    }

    @Test
    void aCardNextToAnIbanIsStillFound() {
        assertThat(PaymentCardNumber.redact("tili FI49 5000 9420 0287 30, kortti 4111 1111 1111 1111", "*"))
                .isEqualTo("tili FI49 5000 9420 0287 30, kortti *");
    }

    @Test
    void redactReplacesEachCardAndMergesOverlaps() {
        assertThat(PaymentCardNumber.redact("a 4111111111111111 b 5555-5555-5555-4444 c", "*")).isEqualTo("a * b * c");
        assertThat(PaymentCardNumber.redact("4111111111111111 5555555555554444", "*")).isEqualTo("* *");
        assertThat(PaymentCardNumber.redact("x 4111111111111111", "$0\\")).as("replacement is literal")
                .isEqualTo("x $0\\");
        // 4-4-4-4-3: the first 16 digits and all 19 both pass Luhn here; one replacement covers both
        String overlapping = "4111 1111 1111 1111 00" + luhnCheckDigit("411111111111111100");
        assertThat(PaymentCardNumber.luhnValid(overlapping.replace(" ", ""))).as("precondition").isTrue();
        assertThat(PaymentCardNumber.redact("[" + overlapping + "]", "*")).isEqualTo("[*]");
    }

    @Test
    void nullTextHoldsNothing() {
        assertThat(PaymentCardNumber.occursIn(null)).isFalse();
        assertThat(PaymentCardNumber.redact(null, "*")).isEmpty();
        assertThatThrownBy(() -> PaymentCardNumber.redact("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Property(tries = 1000)
    void luhnValidNumbersAreFoundInAnyGrouping(@ForAll("cardNumbers") String number, @ForAll long seed) {
        assertThat(PaymentCardNumber.luhnValid(number)).isTrue();
        for (String written : new String[] {number, groupedBy4(number, " "), groupedBy4(number, "-"),
                groupedAtRandom(number, seed)}) {
            String text = "Kortti: " + written + ", kiitos.";
            assertThat(PaymentCardNumber.occursIn(text)).as(written).isTrue();
            assertThat(PaymentCardNumber.redact(text, "[removed]")).as(written).isEqualTo("Kortti: [removed], kiitos.");
        }
    }

    @Property(tries = 1000)
    void changingOneDigitBreaksTheCheck(@ForAll("cardNumbers") String number, @ForAll @IntRange(max = 18) int position,
                                        @ForAll @IntRange(min = 1, max = 9) int offset) {
        int i = position % number.length();
        char changed = (char) ('0' + (number.charAt(i) - '0' + offset) % 10);
        String altered = number.substring(0, i) + changed + number.substring(i + 1);
        assertThat(PaymentCardNumber.luhnValid(altered)).isFalse();
        assertThat(PaymentCardNumber.occursIn("Kortti: " + altered + ".")).isFalse();
    }

    @Property(tries = 500)
    void aDigitGluedOnEitherSideMakesItAnotherNumber(@ForAll("cardNumbers") String number) {
        String before = gluedDigit(number, true) + number;
        String after = number + gluedDigit(number, false);
        assertThat(PaymentCardNumber.occursIn("x " + before + " x")).as(before).isFalse();
        assertThat(PaymentCardNumber.occursIn("x " + after + " x")).as(after).isFalse();
    }

    /** A digit whose addition leaves a number that is not itself a card (fails Luhn or exceeds 19 digits). */
    private static char gluedDigit(String number, boolean before) {
        for (char d = '1'; d <= '9'; d++) {
            String glued = before ? d + number : number + d;
            if (glued.length() > 19 || !luhnValidIndependently(glued)) {
                return d;
            }
        }
        throw new AssertionError("some digit must break the check");
    }

    private static boolean luhnValidIndependently(String digits) {
        return luhnCheckDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1);
    }
}
