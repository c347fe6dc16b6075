package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dynalite checks no IAM: every DynamoDB call the customers API makes on its routes must be one
 * the function's policy in template.yaml allows, or AWS would refuse it.
 */
class CustomersApiPermissionsTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    void everyCallTheRoutesMakeIsAllowedByTheFunctionsPolicy() {
        SamTemplate template = SamTemplate.load();
        DynamoDbPermissions permissions = new DynamoDbPermissions(template);
        ApiClient api = new ApiClient(new CustomersApiHandler(permissions.recording(ENGINE.client()), ENGINE.tables(),
                Clock.systemUTC()));

        String customerId = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        ApiClient.Answer customer = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", customerId));
        assertThat(api.asStaff("GET", "/customers", b -> b.query("q", "oy")).status()).isEqualTo(200);
        assertThat(api.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", customerId)
                .header("if-match", customer.header("etag")).json("{\"phone\": \"+358 40 765 4321\"}")).status()).isEqualTo(200);
        ApiClient.Answer contact = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json(TestPeople.contactJson("\"TECHNICAL\"")));
        String contactId = contact.text("contactId");
        String email = contact.text("email");
        assertThat(api.asStaff("GET", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)).status())
                .isEqualTo(200);
        assertThat(api.asStaff("GET", "/contacts", b -> b.query("email", email)).status()).isEqualTo(200);
        assertThat(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", contact.header("etag")).json("{\"roles\": [\"MAINTAINER\"]}")).status()).isEqualTo(200);
        assertThat(api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"PHONE\", \"summary\": \"Asked about invoices\", \"contactId\": \"" + contactId
                        + "\", \"source\": \"PHONE\"}")).status()).isEqualTo(201);
        assertThat(api.asStaff("GET", "/customers/{customerId}/history", b -> b.path("customerId", customerId)).status())
                .isEqualTo(200);
        assertThat(api.asStaff("GET", "/marketing/recipients", b -> b).status()).isEqualTo(200);
        assertThat(api.asStaff("GET", "/notifications/recipients", b -> b.query("customerId", customerId)).status())
                .isEqualTo(200);
        assertThat(api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)
                .json("{\"until\": \"2031-12-31\", \"reason\": \"claim\"}")).status()).isEqualTo(200);
        assertThat(api.asAdmin("GET", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)).status())
                .isEqualTo(200);
        assertThat(api.asAdmin("GET", "/purge/reports", b -> b).status()).isEqualTo(200);
        assertThat(api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId)).status())
                .isEqualTo(409);
        assertThat(api.asAdmin("DELETE", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)).status())
                .isEqualTo(204);
        assertThat(api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId)).status())
                .isEqualTo(204);
        assertThat(api.asAdmin("PUT", "/customers/{customerId}/hold", b -> b.path("customerId", customerId)
                .json("{\"until\": \"2031-12-31\", \"reason\": \"claim\"}")).status()).isEqualTo(200);
        assertThat(api.asStaff("POST", "/customers/{customerId}/end", b -> b.path("customerId", customerId)).status())
                .isEqualTo(200);
        assertThat(api.asAdmin("GET", "/audit", b -> b.query("targetId", customerId)).status()).isEqualTo(200);

        assertThat(permissions.calls()).hasSizeGreaterThan(8);
        assertThat(permissions.notAllowed(template, "CustomersApiFunction")).isEmpty();
    }
}
