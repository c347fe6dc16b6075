package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The purge's cost follows what expires, not the size of the tables (DESIGN.md, Performance):
 * with 10,000 and with 50,000 items of which the same 1,000 are due, the consumed capacity
 * (ReturnConsumedCapacity, as dynalite accounts it) per deleted item is the same within 10 %, and
 * near its floor — one delete per item plus the index pages: at most {@value #CEILING} units per
 * deleted item (issue 17; no item is read before its conditional delete, and parents' holds come
 * from the byHold indexes, docs/decisions/0016). Deleting a handful at once changes no figure.
 * Capacity is deterministic, so this is a test, not a benchmark; the rate is printed, not asserted.
 */
@SuppressWarnings("unchecked")
class PurgeCostTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2027-06-15T01:30:00Z");
    static final int DUE = 1_000;
    static final double CEILING = 1.1;

    @Test
    void capacityPerDeletedItemIsFlatAsTheTablesGrowAndNearItsFloor() {
        Map<String, Object> sequential = purgeOf(10_000, 1);
        Map<String, Object> small = purgeOf(10_000, RetentionPurge.IN_FLIGHT);
        Map<String, Object> large = purgeOf(50_000, RetentionPurge.IN_FLIGHT);

        for (Map<String, Object> report : List.of(sequential, small, large)) {
            assertThat(report.get("deleted")).isEqualTo((long) DUE);
        }
        double perItemSmall = capacity(small) / DUE;
        double perItemLarge = capacity(large) / DUE;
        System.out.printf("purge capacity per deleted item: 10k items %.4f, 50k items %.4f (total %.1f / %.1f)%n",
                perItemSmall, perItemLarge, capacity(small), capacity(large));
        System.out.printf("purge rate at 10k items: one at a time %.0f items/s, %d in flight %.0f items/s;"
                        + " at 50k items %.0f items/s%n", rate(sequential), RetentionPurge.IN_FLIGHT, rate(small),
                rate(large));
        assertThat(perItemSmall).isPositive().isLessThanOrEqualTo(CEILING);
        assertThat(perItemLarge).isLessThanOrEqualTo(CEILING).isBetween(perItemSmall * 0.9, perItemSmall * 1.1);
        // give or take a re-read of the held parents (every ItemHolds.FRESH_MILLIS of the run)
        assertThat(capacity(small)).as("deleting a handful at once costs what one at a time does")
                .isCloseTo(capacity(sequential), within(capacity(sequential) * 0.005));
    }

    private static double rate(Map<String, Object> report) {
        long millis = ((Map<String, Long>) report.get("counts")).get("durationMillis");
        return DUE * 1000.0 / Math.max(1, millis);
    }

    private static double capacity(Map<String, Object> report) {
        return ((Map<String, Long>) report.get("counts")).get("consumedCapacityMilli") / 1000.0;
    }

    /** A register of {@code total} items, the same 1,000 of them due, purged once. */
    private static Map<String, Object> purgeOf(int total, int inFlight) {
        PurgeFixture r = new PurgeFixture(ENGINE);
        long now = NOW.getEpochSecond();
        List<Map<String, AttributeValue>> history = new ArrayList<>();
        List<Map<String, AttributeValue>> audit = new ArrayList<>();
        List<Map<String, AttributeValue>> credentials = new ArrayList<>();
        List<Map<String, AttributeValue>> contacts = new ArrayList<>();
        // the due ones: 400 history entries of 40 customers, 300 audit entries, 200 credentials, 100 contacts
        for (int i = 0; i < DUE; i++) {
            long purgeAt = now - 3600L * (i % 60);
            String bucket = RetentionPolicy.bucket(Instant.ofEpochSecond(purgeAt));
            if (i < 400) {
                history.add(historyItem("cus_due" + (i % 40), i, purgeAt, bucket));
            } else if (i < 700) {
                audit.add(auditItem(i, purgeAt, bucket));
            } else if (i < 900) {
                credentials.add(credentialItem("con_due" + i, purgeAt, bucket));
            } else {
                // contacts whose clock ran out, under customers that are kept: a parent-hold read each (cached)
                contacts.add(contactItem("con_duec" + i, "cus_keep" + (i % 10), purgeAt, bucket));
            }
        }
        // the customers those contacts hang under, and as many more with no clock: one per 50 items
        List<Map<String, AttributeValue>> customers = new ArrayList<>();
        for (int i = 0; i < total / 50; i++) {
            customers.add(customerItem("cus_keep" + i));
            contacts.add(contactItem("con_keep" + i, "cus_keep" + i, -1, null));
        }
        // the rest: not due — later today, on later days, or with no clock started
        for (int i = DUE; i < total; i++) {
            long purgeAt = switch (i % 3) {
                case 0 -> now + 60L * (i % 500 + 1);
                case 1 -> now + Duration.ofDays(1 + i % 900).toSeconds();
                default -> -1;
            };
            String bucket = purgeAt < 0 ? null : RetentionPolicy.bucket(Instant.ofEpochSecond(purgeAt));
            switch (i % 4) {
                case 0, 1 -> history.add(historyItem("cus_fill" + (i % 500), i, purgeAt, bucket));
                case 2 -> audit.add(auditItem(i, purgeAt, bucket));
                default -> credentials.add(credentialItem("con_fill" + i, purgeAt, bucket));
            }
        }
        write(r, RegisterTable.HISTORY, history);
        write(r, RegisterTable.AUDIT, audit);
        write(r, RegisterTable.CREDENTIALS, credentials);
        write(r, RegisterTable.CUSTOMERS, customers);
        write(r, RegisterTable.CONTACTS, contacts);
        assertThat(r.count(RegisterTable.HISTORY) + r.count(RegisterTable.AUDIT) + r.count(RegisterTable.CREDENTIALS)
                + r.count(RegisterTable.CONTACTS) - total / 50).isEqualTo(total);
        String firstDay = RetentionPolicy.bucket(NOW.minus(Duration.ofDays(4)));
        Map<String, Object> report = r.purge(NOW, firstDay, inFlight).handleRequest(Map.of(), null);
        assertThat(r.count(RegisterTable.HISTORY) + r.auditEntries().size() + r.count(RegisterTable.CREDENTIALS)
                + r.count(RegisterTable.CONTACTS) - total / 50)
                .as("only the due ones went; the purge wrote one audit entry, its report")
                .isEqualTo(total - DUE + 1);
        assertThat(r.count(RegisterTable.CONTACTS)).as("the due contacts went, their customers stay")
                .isEqualTo(total / 50);
        return report;
    }

    private static Map<String, AttributeValue> historyItem(String customerId, int i, long purgeAt, String bucket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", AttributeValue.fromS(customerId));
        item.put("entryKey", AttributeValue.fromS("2024-01-01T00:00:00.000Z#his_" + i));
        item.put("entryId", AttributeValue.fromS("his_" + i));
        item.put("channel", AttributeValue.fromS("PHONE"));
        item.put("summary", AttributeValue.fromS("Support call about the booking calendar, number " + i));
        item.put("source", AttributeValue.fromS("PHONE"));
        item.put("recordedBy", AttributeValue.fromS("staff"));
        clock(item, purgeAt, bucket);
        return item;
    }

    static Map<String, AttributeValue> auditItem(int i, long purgeAt, String bucket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("day", AttributeValue.fromS("2025-06-" + (10 + i % 20)));
        item.put("tsId", AttributeValue.fromS("2025-06-10T00:00:00.000Z#" + i));
        item.put("targetId", AttributeValue.fromS("cus_target" + i));
        item.put("targetType", AttributeValue.fromS("CUSTOMER"));
        item.put("action", AttributeValue.fromS("READ"));
        item.put("actorId", AttributeValue.fromS("staff-1"));
        item.put("purpose", AttributeValue.fromS("customer-relationship"));
        clock(item, purgeAt, bucket);
        return item;
    }

    private static Map<String, AttributeValue> credentialItem(String contactId, long purgeAt, String bucket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("contactId", AttributeValue.fromS(contactId));
        item.put("service", AttributeValue.fromS("booking"));
        item.put("username", AttributeValue.fromS("user"));
        clock(item, purgeAt, bucket);
        return item;
    }

    private static Map<String, AttributeValue> contactItem(String contactId, String customerId, long purgeAt, String bucket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("contactId", AttributeValue.fromS(contactId));
        item.put("customerId", AttributeValue.fromS(customerId));
        item.put("name", AttributeValue.fromS("Contact person"));
        item.put("email", AttributeValue.fromS(contactId + "@klinikka.example"));
        item.put("emailKey", AttributeValue.fromS(contactId + "@klinikka.example"));
        item.put("version", AttributeValue.fromN("1"));
        clock(item, purgeAt, bucket);
        return item;
    }

    private static Map<String, AttributeValue> customerItem(String customerId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", AttributeValue.fromS(customerId));
        item.put("recordType", AttributeValue.fromS("CUSTOMER"));
        item.put("name", AttributeValue.fromS("Hammaslääkäri Oy"));
        item.put("status", AttributeValue.fromS("ACTIVE"));
        item.put("version", AttributeValue.fromN("1"));
        return item;
    }

    private static void clock(Map<String, AttributeValue> item, long purgeAt, String bucket) {
        if (purgeAt >= 0) {
            item.put("purgeAt", AttributeValue.fromN(Long.toString(purgeAt)));
            item.put("purgeBucket", AttributeValue.fromS(bucket));
        }
    }

    static void write(PurgeFixture r, RegisterTable table, List<Map<String, AttributeValue>> items) {
        String name = r.name(table);
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(name, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = r.db.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
