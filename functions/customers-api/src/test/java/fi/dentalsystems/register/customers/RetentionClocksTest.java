package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes carry purgeAt/purgeBucket from the retention policy once their clock has started, and not before. */
class RetentionClocksTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-06-10T09:00:00Z");
    static final RetentionPolicy POLICY = RetentionPolicy.defaults();
    static ApiClient api;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static Map<String, AttributeValue> item(String table, String key, String id) {
        return ENGINE.client().getItem(r -> r.tableName(ENGINE.tableNamesByLogicalId().get(table))
                .key(Map.of(key, AttributeValue.fromS(id)))).item();
    }

    private static void assertPurge(Map<String, AttributeValue> item, DataCategory category, Instant clock) {
        Instant expected = POLICY.purgeAt(category, clock).orElseThrow();
        assertThat(item.get("purgeAt").n()).isEqualTo(Long.toString(expected.getEpochSecond()));
        assertThat(item.get("purgeBucket").s()).isEqualTo(RetentionPolicy.bucket(expected));
    }

    @Test
    void endingARelationshipStartsTheClocksOfTheCustomerAndItsContacts() {
        String customerId = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        String contactId = api.asStaff("POST", "/customers/{customerId}/contacts",
                b -> b.path("customerId", customerId).json(TestPeople.contactJson("\"BILLING\""))).text("contactId");
        assertThat(item("CustomersTable", "customerId", customerId)).doesNotContainKeys("purgeAt", "purgeBucket");
        assertThat(item("ContactsTable", "contactId", contactId)).doesNotContainKeys("purgeAt", "purgeBucket");

        api.asStaff("POST", "/customers/{customerId}/end", b -> b.path("customerId", customerId));
        assertPurge(item("CustomersTable", "customerId", customerId), DataCategory.CUSTOMER, NOW);
        assertPurge(item("ContactsTable", "contactId", contactId), DataCategory.CONTACT, NOW);
        assertThat(item("CustomersTable", "customerId", customerId).get("purgeBucket").s()).isEqualTo("2033-01-01");

        // a later correction of the contact keeps its clock
        String etag = api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId)).header("etag");
        api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId).header("if-match", etag)
                .json("{\"roles\": [\"ADMINISTRATION\"]}"));
        assertPurge(item("ContactsTable", "contactId", contactId), DataCategory.CONTACT, NOW);
    }

    @Test
    void historyEntriesRunFromWhenTheyOccurred() {
        String customerId = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        Instant occurred = Instant.parse("2025-01-15T12:00:00Z");
        api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"PHONE\", \"summary\": \"Backup question\", \"occurredAt\": \"" + occurred
                        + "\", \"source\": \"PHONE\"}"));
        var entry = ENGINE.client().query(r -> r.tableName(ENGINE.tableNamesByLogicalId().get("HistoryTable"))
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))).items().get(0);
        assertPurge(entry, DataCategory.HISTORY_ENTRY, occurred);
    }
}
