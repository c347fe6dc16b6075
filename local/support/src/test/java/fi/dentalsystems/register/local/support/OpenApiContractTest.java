package fi.dentalsystems.register.local.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final Map<String, String> JSON = Map.of("content-type", "application/json", "etag", "\"1\"");
    private static final Map<String, String> PROBLEM = Map.of("content-type", "application/problem+json");
    private static final String CUSTOMER = """
            {"customerId": "cus_01JAAAAAAAAAAAAAAAAAAAAAAA", "name": "Testi Oy", "businessId": "0112038-9",
             "email": "a@b.fi", "phone": "+358912345678",
             "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"},
             "status": "ACTIVE", "marketingOptOut": false, "createdAt": "2026-01-01T00:00:00Z",
             "updatedAt": "2026-01-01T00:00:00Z", "version": 1}
            """;

    private static List<String> getCustomer(int status, Map<String, String> headers, String body) {
        return CONTRACT.violations("GET", "/customers/{customerId}", status, headers, null, null, body);
    }

    @Test
    void aConformingCustomerPasses() {
        assertThat(getCustomer(200, JSON, CUSTOMER)).isEmpty();
    }

    @Test
    void extraMissingAndWrongEnumFieldsAreReported() {
        assertThat(getCustomer(200, JSON, CUSTOMER.replace("\"version\": 1", "\"version\": 1, \"secret\": 2"))).isNotEmpty();
        assertThat(getCustomer(200, JSON, CUSTOMER.replace("\"name\": \"Testi Oy\",", ""))).isNotEmpty();
        assertThat(getCustomer(200, JSON, CUSTOMER.replace("ACTIVE", "SLEEPING"))).isNotEmpty();
        assertThat(getCustomer(200, Map.of("content-type", "application/json"), CUSTOMER))
                .as("declared ETag header missing").isNotEmpty();
    }

    @Test
    void undeclaredStatusesUnknownRoutesAndWrongMediaTypesAreReported() {
        assertThat(getCustomer(418, JSON, CUSTOMER)).isNotEmpty();
        assertThat(CONTRACT.violations("GET", "/nothing", 200, JSON, null, null, "{}")).isNotEmpty();
        assertThat(getCustomer(404, JSON, "{}")).isNotEmpty();
    }

    @Test
    void problemBodiesAreChecked() {
        String problem = "{\"type\": \"https://x/p\", \"title\": \"T\", \"status\": 400, \"detail\": \"D\","
                + " \"errors\": [{\"field\": \"name\", \"message\": \"is required\"}]}";
        assertThat(CONTRACT.violations("POST", "/customers", 400, PROBLEM, "application/json", "{}", problem)).isEmpty();
        assertThat(CONTRACT.violations("POST", "/customers", 400, PROBLEM, "application/json", "{}",
                problem.replace("\"title\": \"T\", ", ""))).isNotEmpty();
    }

    @Test
    void acceptedRequestBodiesMustMatchTheirSchema() {
        Map<String, String> created = Map.of("content-type", "application/json", "etag", "\"1\"", "location", "/x");
        assertThat(CONTRACT.violations("POST", "/customers", 201, created, "application/json",
                "{\"name\": \"x\"}", CUSTOMER)).isNotEmpty();
    }

    @Test
    void theDocumentDescribesExactlyTheRoutesBuilt() {
        assertThat(CONTRACT.routeKeys()).containsExactlyInAnyOrder(
                "POST /customers", "GET /customers", "GET /customers/{customerId}", "PATCH /customers/{customerId}",
                "POST /customers/{customerId}/end", "POST /customers/{customerId}/contacts",
                "GET /customers/{customerId}/contacts", "GET /contacts", "GET /contacts/{contactId}",
                "PATCH /contacts/{contactId}", "DELETE /contacts/{contactId}", "POST /customers/{customerId}/history",
                "GET /customers/{customerId}/history", "GET /marketing/recipients", "GET /notifications/recipients",
                "GET /audit", "GET /form", "POST /public/requests", "GET /public/verify", "GET /public/exports/{token}", "POST /public/exports/{token}",
                "POST /requests", "GET /requests", "GET /requests/{requestId}", "POST /requests/{requestId}/verify",
                "POST /requests/{requestId}/extend", "POST /requests/{requestId}/reject",
                "POST /requests/{requestId}/classify", "POST /requests/{requestId}/complete",
                "POST /requests/{requestId}/lift", "GET /requests/{requestId}/records",
                "GET /requests/{requestId}/export",
                "GET /customers/{customerId}/hold", "PUT /customers/{customerId}/hold", "DELETE /customers/{customerId}/hold",
                "GET /contacts/{contactId}/hold", "PUT /contacts/{contactId}/hold", "DELETE /contacts/{contactId}/hold",
                "GET /requests/{requestId}/hold", "PUT /requests/{requestId}/hold", "DELETE /requests/{requestId}/hold",
                "GET /contacts/{contactId}/credentials", "PUT /contacts/{contactId}/credentials/{service}",
                "DELETE /contacts/{contactId}/credentials/{service}", "GET /records-of-processing", "GET /privacy-notice");
    }
}
