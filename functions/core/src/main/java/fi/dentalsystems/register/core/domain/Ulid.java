package fi.dentalsystems.register.core.domain;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Time-ordered, collision-resistant ids (ULID: 48-bit millisecond time + 80 random bits,
 * Crockford base32). Ids carry no personal data, so they may appear in logs and URLs.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ulid() {
    }

    public static String next(Instant now) {
        long time = now.toEpochMilli();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits into 16 characters of 5 bits each
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

    /** The millisecond a ULID was made at (its first 10 characters); empty when it is not one. */
    public static java.util.Optional<Instant> timeOf(String ulid) {
        if (ulid == null || ulid.length() != 26) {
            return java.util.Optional.empty();
        }
        long time = 0;
        for (int i = 0; i < 10; i++) {
            int v = new String(ALPHABET).indexOf(ulid.charAt(i));
            if (v < 0) {
                return java.util.Optional.empty();
            }
            time = (time << 5) | v;
        }
        return java.util.Optional.of(Instant.ofEpochMilli(time));
    }

    /** True for prefix + 26 Crockford characters; used to refuse malformed ids before any read. */
    public static boolean isId(String value, String prefix) {
        if (value == null || value.length() != prefix.length() + 26 || !value.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < value.length(); i++) {
            if (new String(ALPHABET).indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
