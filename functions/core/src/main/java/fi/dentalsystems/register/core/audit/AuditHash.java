package fi.dentalsystems.register.core.audit;

import fi.dentalsystems.register.core.store.AuditItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of an audit entry (decision 0012): SHA-256 over its canonical content — every field it
 * states, in a fixed order, one {@code name=value} line each — and its chain position, which
 * includes the previous entry's hash. The table's keys are not hashed: they are derived from the
 * content, and the verifier checks them against it (a re-ordered entry).
 */
public final class AuditHash {
    private AuditHash() {
    }

    /** The id the entry states (also inside its sort key {@code <occurredAt>#<entryId>}, where older entries had it only). */
    public static String entryId(AuditItem item) {
        if (item.getEntryId() != null) {
            return item.getEntryId();
        }
        String tsId = item.getTsId();
        return tsId.substring(tsId.indexOf('#') + 1);
    }

    public static String of(AuditItem item) {
        return of(entryId(item), item);
    }

    /** The hash of {@code item} as the entry {@code entryId} (its own id, from its key, or the one stated elsewhere). */
    public static String of(String entryId, AuditItem item) {
        StringBuilder canonical = new StringBuilder("audit-entry/1\n");
        line(canonical, "entryId", entryId);
        line(canonical, "occurredAt", item.getOccurredAt());
        line(canonical, "action", item.getAction());
        line(canonical, "targetType", item.getTargetType());
        line(canonical, "targetId", item.getTargetId());
        line(canonical, "actorId", item.getActorId());
        line(canonical, "actorGroup", item.getActorGroup());
        line(canonical, "processorId", item.getProcessorId());
        line(canonical, "purpose", item.getPurpose());
        line(canonical, "route", item.getRoute());
        line(canonical, "requestId", item.getRequestId());
        Map<String, Long> details = item.getDetails() == null ? Map.of() : new TreeMap<>(item.getDetails());
        StringBuilder d = new StringBuilder();
        details.forEach((k, v) -> d.append(escape(k)).append(':').append(v).append(';'));
        line(canonical, "details", d.toString());
        line(canonical, "purgeAt", item.getPurgeAt() == null ? null : item.getPurgeAt().toString());
        line(canonical, "chainId", item.getChainId());
        line(canonical, "seq", item.getSeq() == null ? null : item.getSeq().toString());
        line(canonical, "prevEntryId", item.getPrevEntryId());
        line(canonical, "prevHash", item.getPrevHash());
        return sha256(canonical.toString());
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        // absent and empty are one value; an escaped newline keeps one field per line
        out.append(name).append('=').append(value == null ? "" : escape(value)).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace(";", "\\;").replace(":", "\\:");
    }
}
