package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.requests.RestrictionFulfilment;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.core.config.Register;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GDPR art. 18: a restricted person is kept but left out of every list the staff API gives. */
class RestrictedPeopleTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    void aRestrictedPersonLeavesEveryListButIsKept() {
        ApiClient api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
        String customerId = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        String email = TestPeople.email();
        String restricted = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json("{\"name\": \"" + TestPeople.personName() + "\", \"email\": \"" + email
                        + "\", \"roles\": [\"TECHNICAL\"], \"source\": \"CUSTOMER\"}")).text("contactId");
        String other = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json(TestPeople.contactJson("\"TECHNICAL\""))).text("contactId");
        api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"PHONE\", \"summary\": \"Support call\", \"contactId\": \"" + restricted
                        + "\", \"source\": \"PHONE\"}"));
        api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"NOTE\", \"summary\": \"General note\", \"source\": \"CUSTOMER\"}"));

        List<Mail> sent = new ArrayList<>();
        Register register = new Register(ENGINE.setup(Clock.systemUTC(), mail -> {
            sent.add(mail);
            return "sent";
        }, Map.of()));
        RequestRepository requests = register.requests();
        RestrictionFulfilment restriction = register.restriction();
        DataSubjectRequest verified = requests.create(RequestLifecycle.verifyByStaff(RequestLifecycle.receive(
                RequestType.RESTRICTION, RequestChannel.LETTER, email.toUpperCase(java.util.Locale.ROOT), Optional.empty(),
                Optional.empty(), Language.FI, "staff", Instant.now()), "staff", "letter", Instant.now()));
        AuditLog.Access access = new AuditLog.Access(new Caller("staff-2", Set.of()), "test", "r", "administration");
        assertThat(restriction.fulfil(verified, access, Instant.now()).status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(sent).hasSize(1);

        assertThat(api.asStaff("GET", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId))
                .json().path("items").findValuesAsText("contactId")).containsExactly(other);
        assertThat(api.asStaff("GET", "/contacts", b -> b.query("email", email)).json().path("items")).isEmpty();
        assertThat(api.asStaff("GET", "/notifications/recipients", b -> b.query("customerId", customerId))
                .json().path("items").findValuesAsText("contactId")).containsExactly(other);
        assertThat(api.asStaff("GET", "/marketing/recipients", b -> b.query("limit", "100")).json().path("items")
                .findValuesAsText("contactId")).doesNotContain(restricted);
        assertThat(api.asStaff("GET", "/customers/{customerId}/history", b -> b.path("customerId", customerId))
                .json().path("items").findValuesAsText("summary")).containsExactly("General note");
        ApiClient.Answer kept = api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", restricted));
        assertThat(kept.status()).as("kept, not deleted").isEqualTo(200);
        assertThat(kept.json().path("restriction").path("requestId").asText()).isEqualTo(verified.requestId());

        // completing again changes nothing and mails nothing
        restriction.fulfil(requests.find(verified.requestId()).orElseThrow(), access, Instant.now());
        assertThat(sent).hasSize(1);

        // lifted: the person is told first, then the records are back in the lists
        DataSubjectRequest lifted = restriction.lift(requests.find(verified.requestId()).orElseThrow(),
                "accuracy checked", access, Instant.now());
        assertThat(lifted.events().get(lifted.events().size() - 1).kind()).isEqualTo("LIFTED");
        assertThat(sent).hasSize(2);
        assertThat(api.asStaff("GET", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId))
                .json().path("items").findValuesAsText("contactId")).containsExactlyInAnyOrder(restricted, other);
        restriction.lift(lifted, "again", access, Instant.now());
        assertThat(sent).as("lifting twice mails once").hasSize(2);
    }
}
