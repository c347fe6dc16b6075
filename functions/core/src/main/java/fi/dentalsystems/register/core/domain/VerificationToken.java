package fi.dentalsystems.register.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The single-use link secret mailed to the requester: 256 random bits. Only its SHA-256 hash
 * is stored. The token names its request ({@code requestId.secret}) so the link finds the
 * request without an index on secrets.
 */
public record VerificationToken(String requestId, String secret) {
    public static final Duration LIFETIME = Duration.ofHours(72);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static VerificationToken issue(String requestId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new VerificationToken(requestId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** What goes into the link. */
    public String value() {
        return requestId + "." + secret;
    }

    public String hash() {
        return hashOf(secret);
    }

    public static Optional<VerificationToken> parse(String value) {
        if (value == null || value.length() > 120) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0 || dot == value.length() - 1) {
            return Optional.empty();
        }
        String secret = value.substring(dot + 1);
        if (!secret.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            return Optional.empty();
        }
        return Optional.of(new VerificationToken(value.substring(0, dot), secret));
    }

    /** Constant-time comparison with a stored hash. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hashOf(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
