package fi.dentalsystems.register.core.marketing;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The secret that makes suppression hashes unguessable from a list of addresses. In AWS an SSM
 * SecureString (named by {@code SUPPRESSION_PEPPER_PARAMETER}), read once, on first use — so
 * functions that never hash pay nothing at cold start; locally the runtime passes
 * {@code SUPPRESSION_PEPPER} (kept in .local/).
 */
public final class Pepper {
    private final Supplier<String> source;
    /** The checked secret, read once; a String, so the shared value can never be changed in place. */
    private volatile String value;

    private Pepper(Supplier<String> source) {
        this.source = source;
    }

    public static Pepper of(String value) {
        return new Pepper(() -> value);
    }

    /** The pepper the function's variables name, if they name one: a function that never hashes has neither. */
    public static Optional<Pepper> configured(Function<String, Optional<String>> variables) {
        if (variables.apply("SUPPRESSION_PEPPER").isEmpty() && variables.apply("SUPPRESSION_PEPPER_PARAMETER").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(from(variables));
    }

    /** From the function's variables (a handler passes {@code HandlerSetup::variable}). */
    public static Pepper from(Function<String, Optional<String>> variables) {
        return variables.apply("SUPPRESSION_PEPPER").map(Pepper::of).orElseGet(() -> {
            String parameter = variables.apply("SUPPRESSION_PEPPER_PARAMETER")
                    .orElseThrow(() -> new IllegalStateException("SUPPRESSION_PEPPER_PARAMETER is not set"));
            return new Pepper(() -> {
                try (SsmClient ssm = SsmClient.builder().region(Region.of(System.getenv("AWS_REGION")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
                    return ssm.getParameter(r -> r.name(parameter).withDecryption(true)).parameter().value();
                }
            });
        });
    }

    /** The secret's UTF-8 bytes: a fresh array each time, so no caller can alter another's key. */
    byte[] bytes() {
        String v = value;
        if (v == null) {
            String secret = source.get();
            if (secret == null || secret.length() < 16) {
                throw new IllegalStateException("the suppression pepper must be at least 16 characters");
            }
            v = secret;
            value = v;
        }
        return v.getBytes(StandardCharsets.UTF_8);
    }
}
