package fi.dentalsystems.register.core.audit;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.store.AuditAnchorItem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily digest of the audit (decision 0012), as CloudTrail's digest files: every anchor
 * written on a UTC day, with the previous day's digest's hash, in a plain canonical text stored
 * once in the Object Lock bucket. A digest is written for every day, with or without anchors, so
 * the digests form an unbroken daily chain. A missed run is caught up by the next (up to
 * {@link #LOOK_BACK_DAYS} back).
 */
public final class AuditDigests {
    public static final int LOOK_BACK_DAYS = 60;
    private static final String HEADER = "audit-digest/1";

    private final AuditLog log;
    private final DigestStore store;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (the audit log, the digest store), shared on purpose")
    public AuditDigests(AuditLog log, DigestStore store) {
        this.log = log;
        this.store = store;
    }

    /** One anchor as a digest states it. */
    public record Anchor(String anchorId, String chainId, long seq, String entryId, String hash, String writtenAt) {
        static Anchor of(AuditAnchorItem item) {
            return new Anchor(item.getTsId(), item.getChainId(), item.getSeq(), item.getEntryId(), item.getHash(),
                    item.getWrittenAt());
        }

        /** How a problem names the anchor. */
        public String name() {
            return "anchor:" + chainId + ":" + seq;
        }
    }

    /** A digest as stored: its day, the previous digest it chains to (empty for the first), its anchors. */
    public record Digest(LocalDate day, Optional<LocalDate> previousDay, String previousHash, List<Anchor> anchors) {
        public Digest {
            anchors = List.copyOf(anchors);
        }
    }

    /** Writes the missing digests of the days before today, oldest first; the days written. */
    public List<LocalDate> catchUp(Instant now) {
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        Optional<LocalDate> last = Optional.empty();
        for (int back = 0; back < LOOK_BACK_DAYS && last.isEmpty(); back++) {
            LocalDate day = yesterday.minusDays(back);
            if (store.get(day).isPresent()) {
                last = Optional.of(day);
            }
        }
        List<LocalDate> written = new ArrayList<>();
        LocalDate day = last.map(d -> d.plusDays(1)).orElseGet(() -> firstAnchored(yesterday));
        for (; !day.isAfter(yesterday); day = day.plusDays(1)) {
            Optional<LocalDate> previousDay = last.isPresent() || !written.isEmpty()
                    ? Optional.of(day.minusDays(1)) : Optional.empty();
            String previousHash = previousDay.flatMap(store::get).map(s -> AuditHash.sha256(s.content())).orElse("");
            List<Anchor> anchors = log.anchorsOf(day).stream().map(Anchor::of).toList();
            if (store.putIfAbsent(day, render(new Digest(day, previousDay, previousHash, anchors)))) {
                written.add(day);
            }
        }
        return written;
    }

    /** With no digest yet: the first day of the look-back that has anchors (the register's first days), else yesterday. */
    private LocalDate firstAnchored(LocalDate yesterday) {
        for (int back = LOOK_BACK_DAYS - 1; back > 0; back--) {
            LocalDate day = yesterday.minusDays(back);
            if (!log.anchorsOf(day).isEmpty()) {
                return day;
            }
        }
        return yesterday;
    }

    static byte[] render(Digest digest) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("day=").append(digest.day()).append('\n');
        out.append("previousDay=").append(digest.previousDay().map(LocalDate::toString).orElse("")).append('\n');
        out.append("previousHash=").append(digest.previousHash()).append('\n');
        for (Anchor a : digest.anchors()) {
            out.append("anchor=").append(String.join("|", a.anchorId(), a.chainId(), Long.toString(a.seq()), a.entryId(),
                    a.hash(), a.writtenAt())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a stored digest; a digest that does not parse is reported as altered by the verifier. */
    public static Optional<Digest> parse(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 4 || !lines[0].equals(HEADER) || !lines[1].startsWith("day=")
                || !lines[2].startsWith("previousDay=") || !lines[3].startsWith("previousHash=")) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(lines[1].substring(4));
            String previous = lines[2].substring("previousDay=".length());
            List<Anchor> anchors = new ArrayList<>();
            for (int i = 4; i < lines.length; i++) {
                if (!lines[i].startsWith("anchor=")) {
                    return Optional.empty();
                }
                String[] f = lines[i].substring("anchor=".length()).split("\\|", -1);
                if (f.length != 6) {
                    return Optional.empty();
                }
                anchors.add(new Anchor(f[0], f[1], Long.parseLong(f[2]), f[3], f[4], f[5]));
            }
            return Optional.of(new Digest(day, previous.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(previous)),
                    lines[3].substring("previousHash=".length()), anchors));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
