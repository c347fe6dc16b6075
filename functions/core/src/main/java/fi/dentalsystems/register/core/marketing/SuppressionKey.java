package fi.dentalsystems.register.core.marketing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The key of the "never market to" list: HMAC-SHA256 of the normalised address under the
 * pepper. The list survives erasure without holding an address anyone could read back.
 */
public final class SuppressionKey {
    private final Pepper pepper;

    public SuppressionKey(Pepper pepper) {
        this.pepper = pepper;
    }

    public String of(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.bytes(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(email.strip().toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
