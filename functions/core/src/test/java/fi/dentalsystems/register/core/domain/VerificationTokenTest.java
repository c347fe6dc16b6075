package fi.dentalsystems.register.core.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A link's token as it is read back from a URL: the request id, a dot, the secret; anything else is no token. */
class VerificationTokenTest {
    @Test
    void aTokenReadsBackAsIssuedAndOnlyItsSecretMatchesItsHash() {
        VerificationToken issued = VerificationToken.issue("req_1");
        VerificationToken parsed = VerificationToken.parse(issued.value()).orElseThrow();
        assertThat(parsed.requestId()).isEqualTo("req_1");
        assertThat(parsed.hash()).isEqualTo(issued.hash());
        assertThat(parsed.matches(issued.hash())).isTrue();
        assertThat(VerificationToken.issue("req_1").matches(issued.hash())).isFalse();
    }

    @Test
    void aTokenOfAtMost120CharactersIsReadAndALongerOneIsNot() {
        String at120 = "r." + "a".repeat(118);
        assertThat(VerificationToken.parse(at120)).isPresent();
        assertThat(VerificationToken.parse(at120 + "a")).isEmpty();
    }

    @Test
    void theIdAndTheSecretMustBothBeThere() {
        assertThat(VerificationToken.parse(".secret")).isEmpty();
        assertThat(VerificationToken.parse("req_1.")).isEmpty();
        assertThat(VerificationToken.parse("req_1")).isEmpty();
        assertThat(VerificationToken.parse(null)).isEmpty();
        assertThat(VerificationToken.parse("r.s")).hasValueSatisfying(t -> assertThat(t.requestId()).isEqualTo("r"));
        assertThat(VerificationToken.parse("req_1.se<cret")).isEmpty();
        assertThat(VerificationToken.parse("req_1.se-cr_et9")).isPresent();
    }
}
