package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.HttpApiEvents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `./dev up --seed`: a few fictional customers, entered through the API as an admin would, each with a
 * billing and a technical contact and a support call, so a processor's token shows what it sees
 * (`./dev token processor:billing`: the billing contacts, no history).
 */
final class DemoData {
    private static final Pattern CUSTOMER_ID = Pattern.compile("\"customerId\":\"([^\"]+)\"");
    private static final Pattern CONTACT_ID = Pattern.compile("\"contactId\":\"([^\"]+)\"");

    private DemoData() {
    }

    static void load(List<LocalApi.Binding> bindings, DevTokens tokens) {
        Map<String, String> claims = tokens.verify("Bearer " + tokens.issue("admin", Instant.now())).orElseThrow();
        String[][] customers = {
            {"Hammaslääkäriasema Testihymy Oy", "0112038-9", "info@testihymy.example", "09 1234 5678", "testihymy"},
            {"Suun Terveys Esimerkki Oy", "2345678-0", "toimisto@suunterveys.example", "040 555 0101", "suunterveys"},
            {"Tandklinik Exempel Ab", "1572860-0", "kontakt@tandklinik.example", "050 555 0202", "tandklinik"},
        };
        for (String[] c : customers) {
            String json = """
                    {"name": "%s", "businessId": "%s", "email": "%s", "phone": "%s",
                     "billingAddress": {"street": "Esimerkkikatu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                    """.formatted(c[0], c[1], c[2], c[3]);
            Matcher created = CUSTOMER_ID.matcher(call(bindings, HttpApiEvents.request("POST", "/customers")
                    .claims(claims).json(json)));
            if (!created.find()) {
                continue; // kept from an earlier run (--data): its people are there too
            }
            String customerId = created.group(1);
            call(bindings, HttpApiEvents.request("POST", "/customers/{customerId}/contacts").path("customerId", customerId)
                    .claims(claims).json("""
                            {"name": "Laura Laskutus", "email": "laskutus@%s.example", "roles": ["BILLING"], "source": "CUSTOMER"}
                            """.formatted(c[4])));
            String technical = id(CONTACT_ID, call(bindings, HttpApiEvents.request("POST",
                    "/customers/{customerId}/contacts").path("customerId", customerId).claims(claims).json("""
                            {"name": "Teemu Tekninen", "email": "it@%s.example", "phone": "040 555 0303",
                             "roles": ["TECHNICAL"], "source": "CUSTOMER"}
                            """.formatted(c[4]))));
            call(bindings, HttpApiEvents.request("POST", "/customers/{customerId}/history").path("customerId", customerId)
                    .claims(claims).json("""
                            {"channel": "PHONE", "summary": "Backups of the imaging server checked together",
                             "contactId": "%s", "source": "PHONE"}
                            """.formatted(technical)));
        }
    }

    private static String id(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("the demo data was refused: " + body);
        }
        return m.group(1);
    }

    private static String call(List<LocalApi.Binding> bindings, HttpApiEvents.Builder request) {
        var event = request.build();
        for (LocalApi.Binding b : bindings) {
            if (b.route().routeKey().equals(event.getRouteKey())) {
                return b.handler().handleRequest(event, null).getBody();
            }
        }
        throw new IllegalStateException("no route " + event.getRouteKey());
    }
}
