package fi.dentalsystems.register.core.intake;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic request ids for mail: the same Message-ID (or, without one, the same stored
 * object) always gives the same id, so a redelivered message meets a conditional write that
 * fails instead of making a second request.
 */
public final class RequestIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private RequestIds() {
    }

    public static String forMail(String dedupeKey) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder(DataSubjectRequest.ID_PREFIX);
        int bits = 0;
        int buffer = 0;
        for (int i = 0; id.length() < DataSubjectRequest.ID_PREFIX.length() + 26; ) {
            if (bits < 5) {
                buffer = (buffer << 8) | (hash[i++] & 0xff);
                bits += 8;
            }
            id.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return id.toString();
    }
}
