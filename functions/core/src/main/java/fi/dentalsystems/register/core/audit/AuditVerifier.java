package fi.dentalsystems.register.core.audit;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.Timestamps;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.AuditAnchorItem;
import fi.dentalsystems.register.core.store.AuditItem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes every writer chain of a range of days and checks it against the anchors and the
 * daily digests (decision 0012). It reports, each once and by the entry (or anchor) concerned:
 * <ul>
 * <li>{@code altered}: an entry whose content no longer gives its hash, or whose hash is not the one
 * its successor or an anchor chained to (rewritten with a recomputed hash); an anchor that is not
 * the one its day's digest holds; a digest that was written twice or does not parse or chain;</li>
 * <li>{@code missing}: an entry its successor or an anchor names that is not there (a removed
 * entry older than the chain's latest anchor, or in the middle of a chain); an anchor its digest
 * holds that is gone; a digest that is not there for a day with audit activity;</li>
 * <li>{@code out-of-order}: an entry stored under a key (day, time, id) other than the one its
 * content states, so it shows in the wrong place.</li>
 * </ul>
 * Entries whose clock ended (24 months, the retention purge) are not missing: a chain may start at
 * the purge horizon — the first entry's predecessor written so long ago that its purge is due —
 * and only there; the same for an entry before the range.
 */
@SuppressFBWarnings(value = "UNSAFE_HASH_EQUALS",
        justification = "The hashes compared are the audit chain's public SHA-256 values, not secrets: "
                + "nothing is learnt from the time a comparison takes")
public final class AuditVerifier {
    private static final RetentionPolicy RETENTION = RetentionPolicy.defaults();

    public enum Kind {
        ALTERED("altered"), MISSING("missing"), OUT_OF_ORDER("out-of-order");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One finding: the day concerned, the entry or anchor ({@code anchor:<chain>:<seq>}, {@code digest:<day>}). */
    public record Problem(LocalDate day, Optional<String> entryId, Kind kind) {
    }

    public record Result(boolean intact, long checked, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final AuditLog log;
    private final DigestStore digests;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (the audit log, the digest store), shared on purpose")
    public AuditVerifier(AuditLog log, DigestStore digests) {
        this.log = log;
        this.digests = digests;
    }

    public Result verify(LocalDate from, LocalDate to, Instant now) {
        Findings findings = new Findings();
        Instant rangeStart = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant rangeEnd = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);

        List<AuditItem> entries = new ArrayList<>();
        Map<LocalDate, List<AuditAnchorItem>> tableAnchors = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            entries.addAll(log.entriesOf(day));
        }
        // an anchor written the day after the range may still name the range's last entries
        for (LocalDate day = from; !day.isAfter(to.plusDays(1)) && !day.isAfter(today); day = day.plusDays(1)) {
            tableAnchors.put(day, log.anchorsOf(day));
        }

        List<AuditDigests.Anchor> anchors = checkDigests(from, to, today, now, tableAnchors, entries, findings);

        Map<String, List<AuditItem>> chains = new LinkedHashMap<>();
        for (AuditItem item : entries) {
            chains.computeIfAbsent(item.getChainId() == null ? "" : item.getChainId(), k -> new ArrayList<>()).add(item);
        }
        Map<String, List<AuditDigests.Anchor>> anchorsByChain = new HashMap<>();
        anchors.forEach(a -> anchorsByChain.computeIfAbsent(a.chainId(), k -> new ArrayList<>()).add(a));
        for (Map.Entry<String, List<AuditItem>> chain : chains.entrySet()) {
            checkChain(chain.getValue(), anchorsByChain.getOrDefault(chain.getKey(), List.of()), rangeStart, rangeEnd,
                    now, findings);
        }
        // anchors of chains none of whose entries are left in the range: their entries were removed
        for (Map.Entry<String, List<AuditDigests.Anchor>> chain : anchorsByChain.entrySet()) {
            if (!chains.containsKey(chain.getKey())) {
                chain.getValue().stream().max(Comparator.comparingLong(AuditDigests.Anchor::seq))
                        .filter(a -> covered(a.entryId(), rangeStart, rangeEnd, now))
                        .ifPresent(a -> findings.add(dayOf(a.entryId()), a.entryId(), Kind.MISSING));
            }
        }
        return new Result(findings.isEmpty(), entries.size(), findings.sorted());
    }

    /**
     * Checks each day's digest: written once, parses, chains to the previous day's digest, and
     * holds the day's anchors as the table does. Answers the anchors to check the chains against:
     * the digest's where a day has one, the table's where it has none yet.
     */
    private List<AuditDigests.Anchor> checkDigests(LocalDate from, LocalDate to, LocalDate today, Instant now,
                                                   Map<LocalDate, List<AuditAnchorItem>> tableAnchors,
                                                   List<AuditItem> entries, Findings findings) {
        Set<LocalDate> active = new LinkedHashSet<>();
        entries.forEach(e -> active.add(LocalDate.parse(e.getDay())));
        tableAnchors.forEach((day, list) -> {
            if (!list.isEmpty()) {
                active.add(day);
            }
        });
        List<AuditDigests.Anchor> effective = new ArrayList<>();
        for (Map.Entry<LocalDate, List<AuditAnchorItem>> day : tableAnchors.entrySet()) {
            LocalDate d = day.getKey();
            Map<String, AuditDigests.Anchor> inTable = new LinkedHashMap<>();
            day.getValue().forEach(a -> inTable.put(a.getTsId(), AuditDigests.Anchor.of(a)));
            Optional<DigestStore.Stored> stored = d.isBefore(today) ? digests.get(d) : Optional.empty();
            if (stored.isEmpty()) {
                // yesterday's digest may still be on its way (the job runs after midnight); older ones may not
                if (d.isBefore(today.minusDays(1)) && active.contains(d) && !d.isAfter(to)) {
                    findings.add(d, "digest:" + d, Kind.MISSING);
                }
                effective.addAll(inTable.values());
                continue;
            }
            Optional<AuditDigests.Digest> digest = AuditDigests.parse(stored.get().content());
            if (stored.get().versions() > 1 || digest.isEmpty() || !digest.get().day().equals(d)) {
                findings.add(d, "digest:" + d, Kind.ALTERED);
                effective.addAll(inTable.values());
                continue;
            }
            digest.get().previousDay().ifPresent(previous -> {
                Optional<DigestStore.Stored> before = digests.get(previous);
                if (before.isEmpty()) {
                    findings.add(previous, "digest:" + previous, Kind.MISSING);
                } else if (!AuditHash.sha256(before.get().content()).equals(digest.get().previousHash())) {
                    findings.add(previous, "digest:" + previous, Kind.ALTERED);
                }
            });
            for (AuditDigests.Anchor held : digest.get().anchors()) {
                AuditDigests.Anchor found = inTable.remove(held.anchorId());
                if (found == null) {
                    if (!purgeDue(Instant.parse(held.writtenAt()), now)) {
                        findings.add(d, held.name(), Kind.MISSING);
                    }
                } else if (!found.equals(held)) {
                    findings.add(d, held.name(), Kind.ALTERED);
                }
                effective.add(held);
            }
            // an anchor the digest does not hold was put there afterwards
            inTable.values().forEach(extra -> findings.add(d, extra.name(), Kind.ALTERED));
        }
        return effective;
    }

    private void checkChain(List<AuditItem> items, List<AuditDigests.Anchor> anchors, Instant rangeStart,
                            Instant rangeEnd, Instant now, Findings findings) {
        Map<Long, AuditItem> bySeq = new HashMap<>();
        Map<String, Boolean> consistent = new HashMap<>();
        for (AuditItem item : items) {
            String entryId = AuditHash.entryId(item);
            String stated = item.getOccurredAt() == null ? "" : item.getOccurredAt();
            boolean hashHolds = item.getHash() != null && item.getHash().equals(AuditHash.of(item));
            consistent.put(item.getTsId(), hashHolds);
            if (!hashHolds) {
                findings.add(LocalDate.parse(item.getDay()), entryId, Kind.ALTERED);
            }
            // its key must be the one its content states: day and time of occurredAt, its own id
            Optional<Instant> made = Ulid.timeOf(entryId);
            boolean placed = stated.length() >= 10 && item.getDay().equals(stated.substring(0, 10))
                    && item.getTsId().equals(stated + "#" + entryId)
                    && made.map(m -> Timestamps.sortable(m).equals(stated)).orElse(false);
            if (hashHolds && !placed) {
                findings.add(LocalDate.parse(item.getDay()), entryId, Kind.OUT_OF_ORDER);
            }
            if (item.getSeq() == null || bySeq.putIfAbsent(item.getSeq(), item) != null) {
                // a second entry claiming a place in the chain was put there
                findings.add(LocalDate.parse(item.getDay()), entryId, Kind.ALTERED);
            }
        }
        for (AuditItem item : items) {
            if (item.getSeq() == null) {
                continue;
            }
            long seq = item.getSeq();
            String prevId = item.getPrevEntryId() == null ? "" : item.getPrevEntryId();
            if (seq <= 1) {
                continue;
            }
            AuditItem previous = bySeq.get(seq - 1);
            if (previous == null) {
                Optional<Instant> at = Ulid.timeOf(prevId);
                boolean beforeRange = at.map(t -> t.isBefore(rangeStart)).orElse(false);
                boolean purged = at.map(t -> purgeDue(t, now)).orElse(false);
                if (!beforeRange && !purged) {
                    findings.add(at.map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC))
                            .orElse(LocalDate.parse(item.getDay())), prevId, Kind.MISSING);
                }
            } else if (!prevId.equals(AuditHash.entryId(previous)) || item.getPrevHash() == null
                    || !item.getPrevHash().equals(previous.getHash())) {
                // the successor chained to another hash: the predecessor was rewritten, hash and all
                findings.add(LocalDate.parse(previous.getDay()), AuditHash.entryId(previous), Kind.ALTERED);
            }
        }
        for (AuditDigests.Anchor anchor : anchors) {
            AuditItem head = bySeq.get(anchor.seq());
            if (head == null) {
                // an entry the anchor names, inside the range and still within its clock, is gone
                if (covered(anchor.entryId(), rangeStart, rangeEnd, now)) {
                    findings.add(dayOf(anchor.entryId()), anchor.entryId(), Kind.MISSING);
                }
                continue;
            }
            String headId = AuditHash.entryId(head);
            if (!headId.equals(anchor.entryId()) || !anchor.hash().equals(head.getHash())) {
                AuditItem next = bySeq.get(anchor.seq() + 1);
                boolean chainHolds = consistent.getOrDefault(head.getTsId(), false)
                        && (next == null || head.getHash().equals(next.getPrevHash()));
                if (chainHolds) {
                    // the chain is whole and the anchor says otherwise: the anchor was rewritten
                    findings.add(dayOf(headId), "anchor:" + anchor.chainId() + ":" + anchor.seq(), Kind.ALTERED);
                } else {
                    findings.add(LocalDate.parse(head.getDay()), headId, Kind.ALTERED);
                }
            }
        }
    }

    private static boolean covered(String entryId, Instant rangeStart, Instant rangeEnd, Instant now) {
        return Ulid.timeOf(entryId).map(t -> !t.isBefore(rangeStart) && t.isBefore(rangeEnd) && !purgeDue(t, now))
                .orElse(false);
    }

    /** An entry written at {@code writtenAt} may be gone by now: its retention clock has ended. */
    private static boolean purgeDue(Instant writtenAt, Instant now) {
        return !RETENTION.purgeAt(DataCategory.AUDIT_ENTRY, writtenAt).orElseThrow().isAfter(now);
    }

    private static LocalDate dayOf(String entryId) {
        return Ulid.timeOf(entryId).map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC)).orElse(LocalDate.EPOCH);
    }

    /** Each problem once, in order of day and entry. */
    private static final class Findings {
        private final Map<String, Problem> problems = new LinkedHashMap<>();

        void add(LocalDate day, String entryId, Kind kind) {
            problems.putIfAbsent(kind + "|" + entryId, new Problem(day, Optional.of(entryId), kind));
        }

        boolean isEmpty() {
            return problems.isEmpty();
        }

        List<Problem> sorted() {
            return problems.values().stream().sorted(Comparator.comparing(Problem::day)
                    .thenComparing(p -> p.entryId().orElse(""))).toList();
        }
    }
}
