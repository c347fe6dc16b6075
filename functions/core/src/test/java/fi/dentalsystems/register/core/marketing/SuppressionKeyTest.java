package fi.dentalsystems.register.core.marketing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionKeyTest {
    private final SuppressionKey key = new SuppressionKey(Pepper.of("a-local-pepper-of-some-length"));

    @Test
    void theSameAddressInAnyCaseGivesTheSameKeyAndNoTraceOfTheAddress() {
        String k = key.of(" Aino.Asiakas@Example.FI ");
        assertThat(k).isEqualTo(key.of("aino.asiakas@example.fi")).hasSize(64).matches("[0-9a-f]+")
                .doesNotContain("aino");
        assertThat(key.of("other@example.fi")).isNotEqualTo(k);
    }

    @Test
    void anotherPepperGivesAnotherKeyAndShortPeppersAreRefused() {
        assertThat(new SuppressionKey(Pepper.of("another-pepper-of-some-length")).of("a@example.fi"))
                .isNotEqualTo(key.of("a@example.fi"));
        assertThatThrownBy(() -> new SuppressionKey(Pepper.of("short")).of("a@example.fi"))
                .isInstanceOf(IllegalStateException.class);
    }
}
