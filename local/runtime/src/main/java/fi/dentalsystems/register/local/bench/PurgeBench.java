package fi.dentalsystems.register.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.TableFactory;
import fi.dentalsystems.register.purge.RetentionPurgeHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * `./dev bench`, the purge's part (issue 17): 1,000 due items among 10,000 and 50,000 (history
 * entries, audit entries, credentials, contacts under kept customers — the mix of PurgeCostTest),
 * purged once one delete at a time and once with the default deletes in flight, each on fresh
 * tables. Reports capacity per deleted item (deterministic, asserted by PurgeCostTest) and items
 * per second per invocation (a time: reported, never asserted). Writes target/bench/purge.json.
 */
public final class PurgeBench {
    static final Instant NOW = Instant.parse("2027-06-15T01:30:00Z");
    static final int DUE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PurgeBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> cases = new LinkedHashMap<>();
        int table = 0;
        try (Dynalite engine = Dynalite.start(Optional.empty());
             DynamoDbClient client = DynamoDbConnection.create(Optional.of(engine.endpoint()), "eu-west-1")) {
            System.out.printf(Locale.ROOT, "%nRetention purge, %d due items, dynalite%n", DUE);
            System.out.printf(Locale.ROOT, "%-8s %-10s %10s %14s %12s%n", "items", "in flight", "deleted", "units/deleted",
                    "items/s");
            for (int total : List.of(10_000, 50_000)) {
                for (int inFlight : List.of(1, 4)) {
                    Map<String, Object> c = run(client, "b" + (table++) + "-", total, inFlight);
                    cases.put(total + "items/" + inFlight + "inFlight", c);
                    System.out.printf(Locale.ROOT, "%-8d %-10d %10d %14.4f %12.0f%n", total, inFlight, c.get("deleted"),
                            c.get("capacityPerDeletedItem"), c.get("itemsPerSecond"));
                }
            }
        }
        result.put("cases", cases);
        Map<String, Object> headline = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> large = (Map<String, Object>) cases.get("50000items/4inFlight");
        @SuppressWarnings("unchecked")
        Map<String, Object> sequential = (Map<String, Object>) cases.get("50000items/1inFlight");
        headline.put("capacityPerDeletedItem", large.get("capacityPerDeletedItem"));
        headline.put("itemsPerSecond", large.get("itemsPerSecond"));
        headline.put("itemsPerSecondOneAtATime", sequential.get("itemsPerSecond"));
        headline.put("target", "capacity per deleted item <= 1.1 (floor: one delete per item plus the index pages)");
        result.put("purge", headline);
        Path out = RepositoryRoot.find().resolve("target/bench/purge.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println("written: " + RepositoryRoot.find().relativize(out));
    }

    private static Map<String, Object> run(DynamoDbClient client, String prefix, int total, int inFlight) {
        Map<String, String> tables = TableFactory.createAll(client, SamTemplate.load(), prefix);
        TableNames names = TableNames.from(v -> {
            for (RegisterTable t : RegisterTable.values()) {
                if (t.environmentVariable().equals(v)) {
                    return tables.get(t.logicalId());
                }
            }
            return null;
        });
        seed(client, names, total);
        String firstDay = RetentionPolicy.bucket(NOW.minus(Duration.ofDays(4)));
        RetentionPurgeHandler purge = new RetentionPurgeHandler(new HandlerSetup(client, names,
                Clock.fixed(NOW, ZoneOffset.UTC), mail -> "none", Map.of("PURGE_FIRST_DAY", firstDay,
                "SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value", "PURGE_IN_FLIGHT", Integer.toString(inFlight))));
        Map<String, Object> report = purge.handleRequest(Map.of(), null);
        @SuppressWarnings("unchecked")
        Map<String, Long> counts = (Map<String, Long>) report.get("counts");
        long deleted = (Long) report.get("deleted");
        double units = counts.get("consumedCapacityMilli") / 1000.0;
        long millis = Math.max(1, counts.get("durationMillis"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("items", total);
        c.put("inFlight", inFlight);
        c.put("deleted", deleted);
        c.put("consumedCapacity", units);
        c.put("capacityPerDeletedItem", units / Math.max(1, deleted));
        c.put("durationMillis", millis);
        c.put("itemsPerSecond", deleted * 1000.0 / millis);
        return c;
    }

    /** PurgeCostTest's register: the same 1,000 due, the rest later, on later days or with no clock. */
    private static void seed(DynamoDbClient client, TableNames names, int total) {
        long now = NOW.getEpochSecond();
        Map<RegisterTable, List<Map<String, AttributeValue>>> items = new LinkedHashMap<>();
        for (RegisterTable t : List.of(RegisterTable.HISTORY, RegisterTable.AUDIT, RegisterTable.CREDENTIALS,
                RegisterTable.CUSTOMERS, RegisterTable.CONTACTS)) {
            items.put(t, new ArrayList<>());
        }
        for (int i = 0; i < DUE; i++) {
            long purgeAt = now - 3600L * (i % 60);
            if (i < 400) {
                items.get(RegisterTable.HISTORY).add(history("cus_due" + (i % 40), i, purgeAt));
            } else if (i < 700) {
                items.get(RegisterTable.AUDIT).add(audit(i, purgeAt));
            } else if (i < 900) {
                items.get(RegisterTable.CREDENTIALS).add(credential("con_due" + i, purgeAt));
            } else {
                items.get(RegisterTable.CONTACTS).add(contact("con_duec" + i, "cus_keep" + (i % 10), purgeAt));
            }
        }
        for (int i = 0; i < total / 50; i++) {
            Map<String, AttributeValue> customer = new HashMap<>(Map.of("customerId", s("cus_keep" + i),
                    "recordType", s("CUSTOMER"), "name", s("Hammaslääkäri Oy"), "status", s("ACTIVE"),
                    "version", AttributeValue.fromN("1")));
            items.get(RegisterTable.CUSTOMERS).add(customer);
            items.get(RegisterTable.CONTACTS).add(contact("con_keep" + i, "cus_keep" + i, -1));
        }
        for (int i = DUE; i < total; i++) {
            long purgeAt = switch (i % 3) {
                case 0 -> now + 60L * (i % 500 + 1);
                case 1 -> now + Duration.ofDays(1 + i % 900).toSeconds();
                default -> -1;
            };
            switch (i % 4) {
                case 0, 1 -> items.get(RegisterTable.HISTORY).add(history("cus_fill" + (i % 500), i, purgeAt));
                case 2 -> items.get(RegisterTable.AUDIT).add(audit(i, purgeAt));
                default -> items.get(RegisterTable.CREDENTIALS).add(credential("con_fill" + i, purgeAt));
            }
        }
        items.forEach((t, list) -> write(client, names.nameOf(t), list));
    }

    private static Map<String, AttributeValue> history(String customerId, int i, long purgeAt) {
        return clock(new HashMap<>(Map.of("customerId", s(customerId), "entryKey", s("2024-01-01T00:00:00.000Z#his_" + i),
                "entryId", s("his_" + i), "channel", s("PHONE"), "summary",
                s("Support call about the booking calendar, number " + i), "source", s("PHONE"), "recordedBy", s("staff"))),
                purgeAt);
    }

    private static Map<String, AttributeValue> audit(int i, long purgeAt) {
        return clock(new HashMap<>(Map.of("day", s("2025-06-" + (10 + i % 20)), "tsId", s("2025-06-10T00:00:00.000Z#" + i),
                "targetId", s("cus_target" + i), "targetType", s("CUSTOMER"), "action", s("READ"), "actorId", s("staff-1"),
                "purpose", s("customer-relationship"))), purgeAt);
    }

    private static Map<String, AttributeValue> credential(String contactId, long purgeAt) {
        return clock(new HashMap<>(Map.of("contactId", s(contactId), "service", s("booking"), "username", s("user"))),
                purgeAt);
    }

    private static Map<String, AttributeValue> contact(String contactId, String customerId, long purgeAt) {
        return clock(new HashMap<>(Map.of("contactId", s(contactId), "customerId", s(customerId), "name",
                s("Contact person"), "email", s(contactId + "@klinikka.example"), "emailKey",
                s(contactId + "@klinikka.example"), "version", AttributeValue.fromN("1"))), purgeAt);
    }

    private static Map<String, AttributeValue> clock(Map<String, AttributeValue> item, long purgeAt) {
        if (purgeAt >= 0) {
            item.put("purgeAt", AttributeValue.fromN(Long.toString(purgeAt)));
            item.put("purgeBucket", s(RetentionPolicy.bucket(Instant.ofEpochSecond(purgeAt))));
        }
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static void write(DynamoDbClient client, String name, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(name, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                var response = client.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
