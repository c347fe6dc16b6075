package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.HistoryItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * Every item the purge deletes or reduces to evidence is named in the audit (issue 14: every write of
 * a personal-data table is audited), by id only. One entry per item would cost more than the purge's
 * own delete (an audit put and its byTarget copy, some 2 units an item against the purge's 1.03); the
 * ids are instead listed in the details of entries of the run ({@code <id>} → 1), up to
 * {@value #PER_ENTRY} an entry, written when a page brings the list to that size and at the end of
 * the run, before its report. Their target is the run, so {@code GET /audit?targetId=<runId>} shows
 * the report and every list. Their capacity is the run's (the report counts it). A run cut off by a
 * crash between a delete and its list loses the list's names, never the deletes' report counts:
 * decision 0012, "Completeness".
 */
final class PurgedIds {
    /** About 33 bytes an id: an entry of some 17 KB (and its byTarget copy), under 0.07 units an item. */
    static final int PER_ENTRY = 500;
    /** The route of the lists, beside the report's "schedule": the same run, told apart. */
    static final String ROUTE = "schedule: purged ids";

    private final AuditLog audit;
    private final AuditLog.Access access;
    private final String runId;
    private final DoubleConsumer capacity;
    private final Map<String, Long> deleted = new TreeMap<>();
    private final Map<String, Long> minimised = new TreeMap<>();
    private final Map<String, Long> read = new TreeMap<>();

    PurgedIds(AuditLog audit, AuditLog.Access access, String runId, DoubleConsumer capacity) {
        this.audit = audit;
        this.access = access;
        this.runId = runId;
        this.capacity = capacity;
    }

    /** An item the purge deleted, by its key; audit entries themselves are counted in the report only. */
    synchronized void deleted(PurgeTable table, Map<String, AttributeValue> key) {
        if (table != PurgeTable.AUDIT) {
            String id = name(table, key);
            deleted.put(id, 1L);
            read.remove(id); // named once, by what became of it
        }
    }

    /** A closed request reduced to evidence (its first clock). */
    synchronized void minimised(String requestId) {
        minimised.put(requestId, 1L);
        read.remove(requestId);
    }

    /**
     * An item whose personal data the purge read and then did not delete or change: a customer's business
     * id read to judge it (for its claim) and held or kept, a credential's key (its service) read in the
     * index or under a contact that stayed, a request's index entry (its minimisation) or the request read
     * to reduce it and found changed meanwhile. Most are deleted a moment later, which replaces the name
     * here; the rest are listed as READ.
     */
    synchronized void read(PurgeTable table, Map<String, AttributeValue> key) {
        String id = name(table, key);
        if (!deleted.containsKey(id) && !minimised.containsKey(id)) {
            read.put(id, 1L);
        }
    }

    /** Writes the lists once they are full. */
    synchronized void writeIfFull() {
        if (deleted.size() >= PER_ENTRY) {
            write(AuditAction.DELETE, deleted);
        }
        if (minimised.size() >= PER_ENTRY) {
            write(AuditAction.UPDATE, minimised);
        }
        if (read.size() >= PER_ENTRY) {
            write(AuditAction.READ, read);
        }
    }

    /** Writes what is listed: at the end of a run. */
    synchronized void writeAll() {
        write(AuditAction.DELETE, deleted);
        write(AuditAction.UPDATE, minimised);
        write(AuditAction.READ, read);
    }

    private void write(AuditAction action, Map<String, Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        capacity.accept(audit.recordReport(access, action, new AuditTarget(TargetType.PURGE_RUN, runId), ids));
        ids.clear();
    }

    /**
     * The id an item is known by elsewhere in the audit — its own prefixed id (cus_, con_, his_, req_), a
     * credential as {@code <contactId>/<service>} as the erasure names it: no type needed, fewer bytes.
     */
    static String name(PurgeTable table, Map<String, AttributeValue> key) {
        return switch (table) {
            case CREDENTIALS -> key.get(table.partitionKey()).s() + "/" + key.get(table.keyAttributes().get(1)).s();
            case HISTORY -> {
                String entryKey = key.get(HistoryItem.ENTRY_KEY).s();
                yield entryKey.substring(entryKey.lastIndexOf('#') + 1);
            }
            default -> key.get(table.partitionKey()).s();
        };
    }
}
