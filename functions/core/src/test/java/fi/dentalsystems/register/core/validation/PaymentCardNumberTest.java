package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentCardNumberTest {

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

    @Provide
    Arbitrary<String> cardNumbers() {
        return Arbitraries.integers().between(13, 19).flatMap(length ->
                Arbitraries.strings().numeric().ofLength(length - 1)
                        .filter(s -> s.charAt(0) != '0')
                        .map(payload -> payload + luhnCheckDigit(payload)));
    }

    @Test
    void knownExamplesAndGroupings() {
        assertThat(PaymentCardNumber.luhnValid("4111111111111111")).isTrue();
        assertThat(PaymentCardNumber.luhnValid("4111111111111112")).isFalse();
        assertThat(PaymentCardNumber.occursIn("card 4111 1111 1111 1111 exp 12/29")).isTrue();
        assertThat(PaymentCardNumber.occursIn("card 4111-1111-1111-1111")).isTrue();
        assertThat(PaymentCardNumber.occursIn("call 040 1487 672 or 020 177 2300")).isFalse();
        assertThat(PaymentCardNumber.occursIn("Y-tunnus 0250157-0, invoice 123456789012")).isFalse();
        assertThat(PaymentCardNumber.redact("pay with 4111111111111111 now", "[removed]"))
                .isEqualTo("pay with [removed] now");
    }

    @Property(tries = 500)
    void luhnValidNumbersAreFoundInAnyGrouping(@ForAll("cardNumbers") String number) {
        assertThat(PaymentCardNumber.luhnValid(number)).isTrue();
        String spaced = number.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        assertThat(PaymentCardNumber.occursIn("kortti " + number + ".")).isTrue();
        assertThat(PaymentCardNumber.occursIn("kortti " + spaced + ".")).isTrue();
        assertThat(FreeTextGuard.redact("kortti " + spaced + ".")).isEqualTo("kortti [removed].");
    }

    @Property(tries = 500)
    void changingOneDigitBreaksTheCheck(@ForAll("cardNumbers") String number, @ForAll("positions") int position,
                                        @ForAll("offsets") int offset) {
        int i = position % number.length();
        char changed = (char) ('0' + (number.charAt(i) - '0' + offset) % 10);
        String altered = number.substring(0, i) + changed + number.substring(i + 1);
        assertThat(PaymentCardNumber.luhnValid(altered)).isFalse();
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 18);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(1, 9);
    }
}
