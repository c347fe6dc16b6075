package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dynalite checks no IAM: every DynamoDB call the purge makes — index reads, conditional deletes,
 * hold checks, parking a held item, cascades, checkpoint, report — must be one the function's
 * policy in template.yaml allows, or the purge would be refused in AWS.
 */
class PurgePermissionsTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T10:15:00Z");

    @Test
    void everyCallThePurgeMakesIsAllowedByItsPolicy() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        SamTemplate template = SamTemplate.load();
        DynamoDbPermissions permissions = new DynamoDbPermissions(template);
        for (String email : new String[] {"held@klinikka.example", "free@klinikka.example"}) {
            Customer customer = r.customer(T0);
            Contact contact = r.contact(customer, email, T0);
            r.credential(contact.contactId(), "booking", Optional.of(T0.minus(Duration.ofDays(3 * 365))), T0);
            r.historyEntry(customer, Optional.of(contact.contactId()), T0.minus(Duration.ofDays(4 * 365)), T0);
            r.end(customer, T0.minus(Duration.ofDays(8 * 365)), T0);
            if (email.startsWith("held")) {
                new LegalHolds(r.db, r.tables.names()).place(HoldTarget.CONTACT, contact.contactId(),
                        new LegalHold(T0.plus(Duration.ofDays(30)), "claim", "admin-1", T0));
            }
        }
        r.closedRequest("pekka@example.fi", T0.minus(Duration.ofDays(4 * 365)), T0.minus(Duration.ofDays(4 * 365)));
        r.auditEntry(T0.minus(Duration.ofDays(3 * 365)), "cus_01JD3Q1M5E7Z4A8Y3W6X2V9T0B");
        String firstDay = LocalDate.ofInstant(T0, RetentionPolicy.HELSINKI).minusDays(3).toString();
        Instant tomorrow = T0.plus(Duration.ofDays(1));

        var recording = permissions.recording(r.db);
        r.purge(recording, tomorrow, firstDay, RetentionPurge.BatchRead.none(), millis -> { })
                .handleRequest(Map.of("dryRun", true), null);
        Map<String, Object> report = r.purge(recording, tomorrow, firstDay, RetentionPurge.BatchRead.none(), millis -> { })
                .handleRequest(Map.of(), null);

        assertThat((Long) report.get("held")).as("the scenario parks a held item").isPositive();
        assertThat(permissions.calls()).extracting(DynamoDbPermissions.Call::action)
                .contains("dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
                        "dynamodb:PutItem");
        assertThat(permissions.notAllowed(template, "RetentionPurgeFunction")).isEmpty();
        // and the check itself can fail: a function without these grants is refused
        assertThat(permissions.notAllowed(template, "DeadlineMonitorFunction")).isNotEmpty();
    }
}
