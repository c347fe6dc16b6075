package fi.dentalsystems.register.core.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessIdEdgesTest {
    @Test
    void aCharacterThatOnlyActsLikeADigitUnderModulo11IsNoDigit() {
        assertThat(BusinessId.isValid("0112038-9")).isTrue();
        // '<' is '0' + 12, which weighs like a 1 modulo 11: only an ASCII-digit check refuses it
        assertThat(BusinessId.isValid("0<12038-9")).isFalse();
        assertThat(BusinessId.isValid("011203<-9")).isFalse();
    }
}
