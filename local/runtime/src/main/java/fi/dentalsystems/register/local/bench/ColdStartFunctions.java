package fi.dentalsystems.register.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.customers.CustomersApiHandler;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.Requests;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every function's cold-start case (issue 17): its first typical event, built from its sample event
 * (events/, SampleEventsTest keeps them valid) with fresh ids seeded per sample. The extension point
 * for a new function is one more entry in {@link #ALL}.
 */
final class ColdStartFunctions {
    /** The ids the sample events carry, replaced per sample by seeded ones. */
    private static final String SAMPLE_REQUEST = "req_01JD7QB2C3D4E5F6G7H8J9K0M1";
    private static final String SAMPLE_CUSTOMER = "cus_01JD7Q2X8K5M3N4P6R7S8T9V0W";
    private static final String SAMPLE_SES_MESSAGE = "o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String customerId;

    private ColdStartFunctions() {
    }

    static final List<ColdStartFunction> ALL = List.of(
            new ColdStartFunction("customers-api", "CustomersApiFunction", "http", List.of("DynamoDb"),
                    (world, n) -> List.of(world.sampleEvent("customers-api/get-customers-customerId.json")
                            .replace(SAMPLE_CUSTOMER, customer(world)))),
            new ColdStartFunction("public-requests", "PublicRequestsFunction", "http", List.of("DynamoDb", "SesV2", "S3"),
                    // the form page, then its submission (a new address each time: not a duplicate)
                    (world, n) -> List.of(world.sampleEvent("public-requests/get-form.json"),
                            world.sampleEvent("public-requests/post-public-requests.json")
                                    .replace("testi.henkilo@testi.example", address("form", n)))),
            new ColdStartFunction("requests-api", "RequestsApiFunction", "http", List.of("DynamoDb", "SesV2", "S3"),
                    // staff reads a verified ACCESS request, then completes it (export to S3, link by mail)
                    (world, n) -> {
                        String id = world.store(Requests.aVerifiedRequest(RequestType.ACCESS, address("access", n)));
                        return List.of(world.sampleEvent("requests-api/get-requests-requestId.json").replace(SAMPLE_REQUEST, id),
                                world.sampleEvent("requests-api/post-requests-requestId-complete.json")
                                        .replace(SAMPLE_REQUEST, id));
                    }),
            new ColdStartFunction("email-intake", "EmailIntakeFunction", "map", List.of("DynamoDb", "SesV2", "S3"),
                    ColdStartFunctions::sesBatch),
            new ColdStartFunction("request-fulfilment", "RequestFulfilmentFunction", "dynamodb", List.of("DynamoDb", "SesV2"),
                    (world, n) -> List.of(world.sampleEvent("request-fulfilment/verified-objection.json").replace(
                            SAMPLE_REQUEST, world.store(Requests.aVerifiedRequest(RequestType.OBJECTION,
                                    address("objection", n)))))),
            new ColdStartFunction("deadline-monitor", "DeadlineMonitorFunction", "map", List.of("DynamoDb", "SesV2"),
                    (world, n) -> List.of(world.sampleEvent("deadline-monitor/scheduled.json"))),
            new ColdStartFunction("retention-purge", "RetentionPurgeFunction", "map", List.of("DynamoDb"),
                    (world, n) -> List.of(world.sampleEvent("retention-purge/scheduled.json"))),
            new ColdStartFunction("mail-feedback", "MailFeedbackFunction", "map", List.of("DynamoDb"),
                    // a bounce of a request's verification mail
                    (world, n) -> List.of(world.sampleEvent("mail-feedback/ses-bounce.json").replace(SAMPLE_REQUEST,
                            world.store(Requests.aLetter(RequestType.ACCESS, address("bounce", n)))))),
            new ColdStartFunction("intake-watch", "IntakeWatchFunction", "map", List.of("DynamoDb", "S3"),
                    (world, n) -> List.of(world.sampleEvent("intake-watch/scheduled.json"))),
            new ColdStartFunction("reapply-erasures", "ReapplyErasuresFunction", "map", List.of("DynamoDb"),
                    // run by hand after a restore: the ledger since the restore point (an empty ledger here)
                    (world, n) -> List.of(world.sampleEvent("reapply-erasures/restore-point.json"))),
            new ColdStartFunction("console", "ConsoleFunction", "http", List.of(),
                    (world, n) -> List.of(world.sampleEvent("console/get-console.json"))));

    static String address(String kind, int n) {
        return "bench-" + kind + "-" + n + "-" + Long.toHexString(System.nanoTime()) + "@bench.example";
    }

    /** SES's receipt-rule event with 10 messages, each stored in the inbound bucket first (as SES does). */
    @SuppressWarnings("unchecked")
    private static List<String> sesBatch(BenchWorld world, int n) throws Exception {
        Map<String, String> env = world.environment("EmailIntakeFunction");
        String raw = world.sampleEvent("email-intake/raw-mail.eml");
        Map<String, Object> event = JSON.readValue(world.sampleEvent("email-intake/ses-inbound.json"), Map.class);
        Map<String, Object> record = ((List<Map<String, Object>>) event.get("Records")).get(0);
        String recordJson = JSON.writeValueAsString(record);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "bench" + n + "m" + i + Long.toHexString(System.nanoTime());
            String sender = address("mail" + i, n);
            world.s3().putObject(r -> r.bucket(env.get("INBOUND_BUCKET")).key(env.getOrDefault("INBOUND_PREFIX", "") + id),
                    RequestBody.fromString(raw.replace("aino.asiakas@example.fi", sender)
                            .replace("<m01@mail.example>", "<" + id + "@mail.example>")));
            records.add(JSON.readValue(recordJson.replace(SAMPLE_SES_MESSAGE, id).replace("aino.asiakas@example.fi", sender),
                    Map.class));
        }
        return List.of(JSON.writeValueAsString(Map.of("Records", records)));
    }

    /** One customer for every sample's read (a GET changes nothing). */
    private static synchronized String customer(BenchWorld world) throws Exception {
        if (customerId == null) {
            CustomersApiHandler handler = new CustomersApiHandler(new HandlerSetup(world.register().dynamoDb(),
                    world.names(), Clock.systemUTC(), mail -> "none",
                    Map.of("SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value")));
            APIGatewayV2HTTPResponse created = handler.handleRequest(HttpApiEvents.request("POST", "/customers")
                    .caller("bench", "register-staff")
                    .json("""
                            {"name": "Bench Oy", "businessId": "0112038-9", "email": "bench@bench.example",
                             "phone": "09 1234 5678",
                             "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                            """).build(), null);
            if (created.getStatusCode() != 201) {
                throw new IllegalStateException("seeding failed: " + created.getStatusCode());
            }
            customerId = JSON.readTree(created.getBody()).path("customerId").asText();
        }
        return customerId;
    }
}
