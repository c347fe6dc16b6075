package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.HttpApiEvents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** `./dev up --seed`: a few fictional customers, entered through the API as an admin would. */
final class DemoData {
    private DemoData() {
    }

    static void load(List<LocalApi.Binding> bindings, DevTokens tokens) {
        Map<String, String> claims = tokens.verify("Bearer " + tokens.issue("admin", Instant.now())).orElseThrow();
        String[][] customers = {
            {"Hammaslääkäriasema Testihymy Oy", "0112038-9", "info@testihymy.example", "09 1234 5678"},
            {"Suun Terveys Esimerkki Oy", "2345678-0", "toimisto@suunterveys.example", "040 555 0101"},
            {"Tandklinik Exempel Ab", "1572860-0", "kontakt@tandklinik.example", "050 555 0202"},
        };
        for (String[] c : customers) {
            String json = """
                    {"name": "%s", "businessId": "%s", "email": "%s", "phone": "%s",
                     "billingAddress": {"street": "Esimerkkikatu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                    """.formatted(c[0], c[1], c[2], c[3]);
            call(bindings, HttpApiEvents.request("POST", "/customers").claims(claims).json(json));
        }
    }

    private static void call(List<LocalApi.Binding> bindings, HttpApiEvents.Builder request) {
        var event = request.build();
        for (LocalApi.Binding b : bindings) {
            if (b.route().routeKey().equals(event.getRouteKey())) {
                b.handler().handleRequest(event, null);
                return;
            }
        }
        throw new IllegalStateException("no route " + event.getRouteKey());
    }
}
