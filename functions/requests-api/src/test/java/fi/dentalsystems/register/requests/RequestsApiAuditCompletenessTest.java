package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read and write of personal data is audited (issue 14): each item of a personal-data table
 * that a requests-API call touches — entering, verifying, exporting, completing each type for a
 * person with contact records, history and credentials, lifting, rejecting — must be named by an
 * audit entry of the same invocation. Organisations that are not the person's are never read (the scan
 * filters in the table), and a contact's retention clock is read without its customer's personal data.
 */
class RequestsApiAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void everyItemTheRoutesTouchIsNamedInAnAuditEntryOfTheSameInvocation() {
        AuditCompleteness completeness = new AuditCompleteness();
        var register = ENGINE.register();
        for (String type : new String[] {"access", "rectification", "erasure", "restriction"}) {
            var customer = register.customers().create(fi.dentalsystems.register.local.support.Customers.aCustomer());
            var contact = register.contacts().create(fi.dentalsystems.register.local.support.Customers.aContact(customer,
                    "perm-" + type + "@example.fi"));
            var credential = new fi.dentalsystems.register.core.store.CredentialItem();
            credential.setContactId(contact.contactId());
            credential.setService("portal");
            credential.setUsername("perm-" + type);
            register.credentials().put(credential, CLOCK.instant());
            // a sole trader whose organisation's own address is the person's: found, exported, kept and restricted
            register.customers().create(fi.dentalsystems.register.local.support.Customers.aCustomer()
                    .withEmail("perm-" + type + "@example.fi"));
        }
        RequestsApiHandler audited = new RequestsApiHandler(new HandlerSetup(completeness.recording(ENGINE.client()),
                ENGINE.tables(), CLOCK, new OutboxMailer(folder.resolve("outbox"), "tietosuoja@dentalsystems.fi", CLOCK),
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000"))), new FolderExportStore(folder.resolve("exports")));
        com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                completeness.checking(audited, e -> e.getRequestContext().getHttp().getMethod() + " " + e.getRawPath());

        for (String type : new String[] {"ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION"}) {
            String id = letter(handler, type);
            assertThat(call(handler, "POST", "/requests/{requestId}/verify", b -> b.path("requestId", id)
                    .json("{\"note\": \"Signed letter\"}")).getStatusCode()).isEqualTo(200);
            if (type.equals("ACCESS")) {
                assertThat(call(handler, "GET", "/requests/{requestId}/export", b -> b.path("requestId", id))
                        .getStatusCode()).isEqualTo(200);
                assertThat(call(handler, "POST", "/requests/{requestId}/extend", b -> b.path("requestId", id)
                        .json("{\"months\": 1, \"reason\": \"Much history to collect\"}")).getStatusCode()).isEqualTo(200);
            }
            if (type.equals("RECTIFICATION")) {
                assertThat(call(handler, "GET", "/requests/{requestId}/records", b -> b.path("requestId", id))
                        .getStatusCode()).isEqualTo(200);
            }
            assertThat(call(handler, "POST", "/requests/{requestId}/complete", b -> b.path("requestId", id))
                    .getStatusCode()).as(type).isEqualTo(200);
            if (type.equals("RESTRICTION")) {
                assertThat(call(handler, "POST", "/requests/{requestId}/lift", b -> b.path("requestId", id)
                        .json("{\"reason\": \"The accuracy was confirmed\"}")).getStatusCode()).isEqualTo(200);
            }
        }
        String unclassified = letter(handler, "UNCLASSIFIED");
        assertThat(call(handler, "POST", "/requests/{requestId}/classify", b -> b.path("requestId", unclassified)
                .json("{\"type\": \"OBJECTION\"}")).getStatusCode()).isEqualTo(200);
        assertThat(call(handler, "POST", "/requests/{requestId}/reject", b -> b.path("requestId", unclassified)
                .json("{\"reason\": \"Not identified\"}")).getStatusCode()).isEqualTo(200);
        assertThat(call(handler, "GET", "/requests", b -> b.query("status", "COMPLETED")).getStatusCode()).isEqualTo(200);
        assertThat(call(handler, "GET", "/requests/{requestId}", b -> b.path("requestId", unclassified)).getStatusCode())
                .isEqualTo(200);
        HttpApiEvents.Builder hold = HttpApiEvents.request("PUT", "/requests/{requestId}/hold")
                .path("requestId", unclassified).caller("admin-1", "register-admin")
                .json("{\"until\": \"2031-12-31\", \"reason\": \"complaint to the ombudsman\"}");
        assertThat(handler.handleRequest(hold.build(), null).getStatusCode()).isEqualTo(200);

        assertThat(completeness.invocations()).isGreaterThan(15);
        assertThat(completeness.unaudited()).isEmpty();
    }

    private static String letter(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, String type) {
        APIGatewayV2HTTPResponse created = call(handler, "POST", "/requests", b -> b.json("{\"type\": \"" + type
                + "\", \"channel\": \"LETTER\", \"email\": \"perm-" + type.toLowerCase(java.util.Locale.ROOT)
                + "@example.fi\", \"name\": \"Pirkko Permission\", \"details\": \"Phone number is wrong\"}"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        String body = created.getBody();
        int at = body.indexOf("\"requestId\":\"") + 13;
        return body.substring(at, body.indexOf('"', at));
    }

    private static APIGatewayV2HTTPResponse call(
            com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, String method, String path,
                                                 UnaryOperator<HttpApiEvents.Builder> request) {
        APIGatewayV2HTTPEvent event = request.apply(HttpApiEvents.request(method, path).caller("staff-7", "register-staff"))
                .build();
        return handler.handleRequest(event, null);
    }
}
