package fi.dentalsystems.register.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.StaffGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The local stand-in for Cognito and the HTTP API's JWT authorizer: issues signed dev tokens
 * with Cognito's claims and checks them as the authorizer does (signature, issuer, audience,
 * expiry). The signing key is made once per checkout in .local/ and never leaves the machine.
 */
public final class DevTokens {
    public static final String ISSUER = "http://localhost/dev-issuer";
    public static final String AUDIENCE = "customer-register-local";
    private static final Duration LIFETIME = Duration.ofHours(8);

    private final byte[] key;

    private DevTokens(byte[] key) {
        this.key = key;
    }

    public static DevTokens fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return new DevTokens(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the dev signing key " + file, e);
        }
    }

    public static DevTokens withKey(byte[] key) {
        return new DevTokens(key.clone());
    }

    /**
     * Roles: admin, staff, service, processor:&lt;id&gt;. A processor's token is what Cognito issues to a
     * user of the processor's group {@code register-processor-<id>}: the group only; its purposes come
     * from the processor register, not from the token.
     */
    public String issue(String role, Instant now) {
        return issue(role, now, LIFETIME);
    }

    /** As above, valid for {@code lifetime}: the sign-in flow's tokens live as long as the user pool's. */
    public String issue(String role, Instant now, Duration lifetime) {
        String[] parts = role.split(":", 2);
        String group = switch (parts[0]) {
            case "admin" -> "register-admin";
            case "staff" -> "register-staff";
            case "processor" -> {
                if (parts.length < 2 || !Processor.ID.matcher(parts[1]).matches()) {
                    throw new IllegalArgumentException("a processor token names the processor: processor:<id>");
                }
                yield StaffGroup.PROCESSOR_GROUP_PREFIX + parts[1];
            }
            case "service" -> "register-service";
            default -> throw new IllegalArgumentException("unknown role " + parts[0]
                    + " (admin, staff, processor:<id>, service)");
        };
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("dev-" + parts[0] + "-" + UUID.nameUUIDFromBytes(role.getBytes()).toString().substring(0, 8))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("cognito:groups", List.of(group));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a bearer token; the claims as API Gateway passes them to the handler (arrays
     * as "[a b]" text), or empty when the token is missing, forged, expired or foreign.
     */
    public Optional<Map<String, String>> verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorizationHeader.substring(7).strip());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            new DefaultJWTClaimsVerifier<>(AUDIENCE, new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                    Set.of("sub", "exp", "iat")).verify(claims, null);
            Map<String, String> flat = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> {
                if (value instanceof List<?> list) {
                    flat.put(name, "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]");
                } else if (value instanceof Date date) {
                    flat.put(name, Long.toString(date.toInstant().getEpochSecond()));
                } else {
                    flat.put(name, String.valueOf(value));
                }
            });
            return Optional.of(flat);
        } catch (ParseException | JOSEException | BadJWTException e) {
            return Optional.empty();
        }
    }
}
