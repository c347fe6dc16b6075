package fi.dentalsystems.register.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevTokensTest {
    private final DevTokens tokens = DevTokens.withKey("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void claimsArePassedOnAsApiGatewayDoes() {
        var claims = tokens.verify("Bearer " + tokens.issue("processor:billing", Instant.now())).orElseThrow();
        // the processor's own Cognito group, as Cognito puts it in the access token; no purposes claim
        assertThat(claims.get("cognito:groups")).isEqualTo("[register-processor-billing]");
        assertThat(claims).doesNotContainKey("purposes");
        assertThat(claims.get("iss")).isEqualTo(DevTokens.ISSUER);
        assertThat(claims.get("sub")).startsWith("dev-processor-");
    }

    @Test
    void refusesExpiredTamperedAndMissingTokens() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("Basic abc")).isEmpty();
        assertThat(tokens.verify("Bearer " + tokens.issue("staff", Instant.now().minus(Duration.ofDays(1))))).isEmpty();
        String token = tokens.issue("staff", Instant.now());
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(tokens.verify("Bearer " + tampered)).isEmpty();
        assertThatThrownBy(() -> tokens.issue("root", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue("processor", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue("processor:Billing Oy", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
