package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.CapacityMeter;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.PeopleAtSize;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An access export's cost follows what it exports (issue 17, memory at size): completing the ACCESS
 * request of a person with 5 contact records and 500 history entries, and of one with 50 and 5,000,
 * costs the same capacity per exported item within 5 % — no read per entry, no query that grows
 * with the register. Capacity (ReturnConsumedCapacity, as dynalite accounts it) is deterministic,
 * so this is a test; the time it takes is the bench's (MemoryBench), never asserted here.
 */
class AccessExportCapacityTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    void capacityPerExportedItemIsFlatFromFiveHundredToFiveThousandEntries() throws Exception {
        double small = unitsPerExportedItem(5, 100);
        double large = unitsPerExportedItem(50, 100);
        System.out.printf("access export capacity per exported item: 500 entries %.4f, 5,000 entries %.4f%n",
                small, large);
        assertThat(small).isPositive();
        assertThat(large).isBetween(small * 0.95, small * 1.05);
    }

    private static double unitsPerExportedItem(int contacts, int entriesPerContact) throws Exception {
        DynamoDbEngine.TableSet tables = ENGINE.freshTables();
        CapacityMeter meter = new CapacityMeter();
        try (DynamoDbClient metered = meter.client(ENGINE.endpoint())) {
            Path exports = Files.createTempDirectory("exports");
            HandlerSetup setup = new HandlerSetup(metered, tables.names(), Clock.systemUTC(), mail -> "sent",
                    RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost",
                            "EXPORT_FOLDER", exports.toString(),
                            "SUPPRESSION_PEPPER", "capacity-test-pepper-not-a-secret")));
            PeopleAtSize.Person person = PeopleAtSize.seed(new Register(setup), "aino.asiakas@example.fi", contacts,
                    entriesPerContact);
            ApiClient api = new ApiClient(new RequestsApiHandler(setup));
            meter.reset();
            ApiClient.Answer completed = api.call("POST", "/requests/{requestId}/complete",
                    b -> b.path("requestId", person.request().requestId()).caller("staff-4", ApiClient.STAFF).json("{}"));
            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.json().path("status").asText()).isEqualTo("COMPLETED");
            try (var stored = Files.list(exports)) {
                assertThat(stored.count()).as("the export was stored").isPositive();
            }
            return meter.units() / person.exportedItems();
        }
    }
}
