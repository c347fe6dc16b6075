package fi.dentalsystems.register.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.local.LocalApi;
import fi.dentalsystems.register.local.support.CapacityMeter;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.PeopleAtSize;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.TableFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * `./dev bench`, memory at size (issue 17): an access export (the ACCESS completion: export built,
 * rendered, stored, every record audited, link mailed) for a person with 50 contact records and
 * 5,000 history entries, and a 10 MB mail through email-intake. Each runs in a fresh JVM whose heap
 * is the function's memory setting (template.yaml MemorySize); the mail also in one a quarter of
 * that (fitting there is room to spare). Peak heap is the largest heap in use seen by any collection (GC notifications,
 * before it collected) or at the end; peak RSS is the process's high-water mark. The export's capacity
 * per exported item is measured at 500 and 5,000 entries (AccessExportCapacityTest asserts it flat).
 * Writes target/bench/memory.json.
 */
public final class MemoryBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PERSON = "aino.asiakas@example.fi";
    static final int MAIL_BYTES = 10_000_000; // 10 MB: under email-intake's 10 MiB limit, so it is parsed, not parked

    private MemoryBench() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--probe")) {
            probe(args);
            return;
        }
        Path root = RepositoryRoot.find();
        Path work = Files.createTempDirectory("memory-bench");
        SamTemplate template = SamTemplate.load();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Dynalite engine = Dynalite.start(Optional.empty())) {
            Map<String, Object> capacity = new LinkedHashMap<>();
            for (int contacts : List.of(5, 50)) {
                String prefix = "m" + contacts + "_";
                try (DynamoDbClient client = DynamoDbConnection.create(Optional.of(engine.endpoint()), "eu-west-1")) {
                    Map<String, String> tables = TableFactory.createAll(client, template, prefix);
                    HandlerSetup setup = new HandlerSetup(client, names(tables), Clock.systemUTC(), mail -> "none",
                            RegisterVariables.with(Map.of("SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value")));
                    long t0 = System.nanoTime();
                    PeopleAtSize.Person person = PeopleAtSize.seed(new Register(setup), PERSON, contacts, 100);
                    System.out.printf(Locale.ROOT, "seeded %d contacts, %d entries in %.1f s%n", person.contacts(),
                            person.historyEntries(), (System.nanoTime() - t0) / 1e9);
                    String requestId = person.request().requestId();
                    if (contacts == 50) {
                        result.put("accessExport5000", pair("RequestsApiFunction", engine.endpoint(), prefix, work,
                                "complete", requestId, person.exportedItems()));
                        JsonNode measured = JSON.valueToTree(result.get("accessExport5000"));
                        capacity.put("5000", measured.path("atMemorySize").path("unitsPerExportedItem").asDouble());
                    } else {
                        JsonNode once = run(template, "RequestsApiFunction", memoryOf(template, "RequestsApiFunction"),
                                engine.endpoint(), prefix, work, "complete", requestId, person.exportedItems());
                        capacity.put("500", once.path("unitsPerExportedItem").asDouble());
                    }
                }
            }
            Path inbound = work.resolve("inbound");
            Files.createDirectories(inbound.resolve("bench-inbound"));
            // one message per run (a processed message is not read again), each its own Message-ID
            Files.write(inbound.resolve("bench-inbound").resolve("large-mail-1"), largeMail("large-1"));
            Files.write(inbound.resolve("bench-inbound").resolve("large-mail-2"), largeMail("large-2"));
            try (DynamoDbClient client = DynamoDbConnection.create(Optional.of(engine.endpoint()), "eu-west-1")) {
                TableFactory.createAll(client, template, "mail_");
            }
            result.put("mail10MB", pair("EmailIntakeFunction", engine.endpoint(), "mail_", work, "mail",
                    inbound + "|large-mail-1", 0));
            ((Map<String, Object>) result.get("mail10MB")).put("mailBytes", largeMail("size").length);
            Map<String, Object> flat = new LinkedHashMap<>();
            flat.put("unitsPerExportedItem", capacity);
            flat.put("ratio5000to500", round(((Double) capacity.get("5000")) / ((Double) capacity.get("500"))));
            flat.put("target", "flat within 5 % (asserted by AccessExportCapacityTest)");
            result.put("exportCapacity", flat);
        }
        Path out = root.resolve("target/bench/memory.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println("written: " + root.relativize(out));
    }

    /** The operation at the function's memory setting and at a quarter of it, each in a fresh JVM. */
    private static Map<String, Object> pair(String function, String endpoint, String prefix, Path work, String what,
                                            String argument, int items) throws Exception {
        SamTemplate template = SamTemplate.load();
        int memory = memoryOf(template, function);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", function);
        m.put("memorySizeMb", memory);
        JsonNode full = run(template, function, memory, endpoint, prefix, work, what, argument, items);
        m.put("atMemorySize", full);
        m.put("peakHeapShareOfMemorySize", round(full.path("peakHeapMb").asDouble() / memory));
        if (what.equals("mail")) {
            // a completed request is not completed again: the quarter-heap run is the mail's only (a fresh message)
            JsonNode quarter = run(template, function, memory / 4, endpoint, prefix, work, what,
                    argument.replace("large-mail-1", "large-mail-2"), items);
            m.put("atQuarterOfMemorySize", quarter);
        }
        return m;
    }

    static int memoryOf(SamTemplate template, String function) {
        Object own = template.function(function).orElseThrow().properties().get("MemorySize");
        if (own != null) {
            return Integer.parseInt(String.valueOf(own));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.root().get("Globals")).get("Function");
        return Integer.parseInt(String.valueOf(globals.get("MemorySize")));
    }

    private static JsonNode run(SamTemplate template, String function, int heapMb, String endpoint, String prefix,
                                Path work, String what, String argument, int items) throws Exception {
        Path root = RepositoryRoot.find();
        String classpath = System.getProperty("java.class.path"); // this bench's own: the function's classes and the local runtime
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-Dregister.root=" + root, "-cp", classpath,
                MemoryBench.class.getName(), "--probe", function, endpoint, prefix, work.toString(), what, argument,
                Integer.toString(items)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{\"probe\"")) {
                    last = line;
                }
            }
        }
        int exit = process.waitFor();
        if (last == null) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("heapMb", heapMb);
            failed.put("completed", false);
            failed.put("exitCode", exit);
            return JSON.valueToTree(failed);
        }
        JsonNode r = JSON.readTree(last);
        System.out.printf(Locale.ROOT, "%-20s %-8s -Xmx%4dm: status %d, peak heap %6.1f MB, peak RSS %6.1f MB, %7.0f ms%s%n",
                function, what, heapMb, r.path("status").asInt(), r.path("peakHeapMb").asDouble(),
                r.path("peakRssMb").asDouble(), r.path("millis").asDouble(), r.has("unitsPerExportedItem")
                        ? String.format(Locale.ROOT, ", %.4f units/item", r.path("unitsPerExportedItem").asDouble()) : "");
        return r;
    }

    // --- the child JVM: one operation, its memory watched ----------------------------------------

    private static void probe(String[] args) throws Exception {
        String function = args[1];
        String endpoint = args[2];
        String prefix = args[3];
        Path work = Path.of(args[4]);
        String what = args[5];
        String argument = args[6];
        int items = Integer.parseInt(args[7]);
        SamTemplate template = SamTemplate.load();
        Map<String, String> tables = new HashMap<>();
        template.tables().keySet().forEach(id -> tables.put(id, prefix + id));
        CapacityMeter meter = new CapacityMeter();
        DynamoDbClient client = meter.client(endpoint);
        Map<String, String> overrides = new HashMap<>(Map.of("PUBLIC_BASE_URL", "http://localhost:3000",
                "SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value",
                "EXPORT_FOLDER", Files.createTempDirectory(work, "exports").toString(),
                "AUDIT_DIGEST_FOLDER", Files.createTempDirectory(work, "digests").toString()));
        if (what.equals("mail")) {
            overrides.put("INBOUND_FOLDER", argument.substring(0, argument.indexOf('|')));
            overrides.put("INBOUND_BUCKET", "bench-inbound");
        }
        Object handler = LocalApi.instantiate(template, template.function(function).orElseThrow(), client, tables,
                Clock.systemUTC(), new OutboxMailer(Files.createTempDirectory(work, "outbox"), "local@localhost",
                        Clock.systemUTC()), overrides);
        HeapWatch watch = HeapWatch.start();
        meter.reset();
        long t0 = System.nanoTime();
        int status;
        if (what.equals("mail")) {
            @SuppressWarnings("unchecked")
            var intake = (RequestHandler<Map<String, Object>, Map<String, Object>>) handler;
            Map<String, Object> event = Map.of("Records", List.of(Map.of("s3", Map.of(
                    "bucket", Map.of("name", "bench-inbound"),
                    "object", Map.of("key", argument.substring(argument.indexOf('|') + 1))))));
            Map<String, Object> outcome = intake.handleRequest(event, null);
            status = outcome.toString().contains("PARKED") || outcome.toString().contains("oversized") ? 1 : 0;
            System.out.println("outcome " + outcome);
        } else {
            @SuppressWarnings("unchecked")
            var api = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
            APIGatewayV2HTTPEvent event = HttpApiEvents.request("POST", "/requests/{requestId}/complete")
                    .path("requestId", argument).caller("bench-staff", "register-staff").json("{}").build();
            APIGatewayV2HTTPResponse response = api.handleRequest(event, null);
            status = response.getStatusCode();
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("probe", what);
        r.put("heapMb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        r.put("completed", true);
        r.put("status", status);
        r.put("millis", round(millis));
        r.put("peakHeapMb", round(watch.peakMb()));
        r.put("peakLiveAfterGcMb", round(watch.peakLiveMb()));
        r.put("collections", watch.collections());
        r.put("peakRssMb", round(peakRssMb()));
        r.put("dynamoDbCalls", meter.calls());
        r.put("capacityUnits", meter.units());
        if (items > 0) {
            r.put("exportedItems", items);
            r.put("unitsPerExportedItem", round(meter.units() / items));
        }
        System.out.println(JSON.writeValueAsString(r));
        System.exit(0);
    }

    /** The largest heap in use: before each collection (GC notifications) and now. */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong live = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    long nonHeap = nonHeapIn(info.getGcInfo().getMemoryUsageBeforeGc());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum() - nonHeapIn(info.getGcInfo().getMemoryUsageAfterGc());
                    watch.collections.incrementAndGet();
                    watch.peak.accumulateAndGet(before - nonHeap, Math::max);
                    watch.live.accumulateAndGet(after, Math::max);
                }, null, null);
            }
            return watch;
        }

        private static long nonHeapIn(Map<String, MemoryUsage> pools) {
            long nonHeap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.NON_HEAP && pools.containsKey(pool.getName())) {
                    nonHeap += pools.get(pool.getName()).getUsed();
                }
            }
            return nonHeap;
        }

        double peakMb() {
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return Math.max(peak.get(), now) / (1024.0 * 1024.0);
        }

        /** The most the heap held after a collection: what the operation kept at once (0 if none ran). */
        double peakLiveMb() {
            return live.get() / (1024.0 * 1024.0);
        }

        long collections() {
            return collections.get();
        }
    }

    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    /** A request by mail with a large scanned attachment (base64, 76-character lines), 10 MB in all. */
    static byte[] largeMail(String messageId) {
        StringBuilder mail = new StringBuilder(MAIL_BYTES + 1024);
        mail.append("From: Aino Asiakas <aino.asiakas@example.fi>\r\n")
                .append("To: tietosuoja@dentalsystems.fi\r\nSubject: Tarkastuspyyntö\r\n")
                .append("Date: Mon, 23 Nov 2026 09:15:00 +0200\r\nMessage-ID: <" + messageId + "@mail.example>\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
                .append("--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .append("Hei,\r\n\r\nhaluan tarkastaa tietoni asiakasrekisteristänne. Liitteenä allekirjoitettu pyyntö.\r\n")
                .append("\r\nTerveisin\r\nAino\r\n")
                .append("--b1\r\nContent-Type: application/pdf; name=\"pyynto.pdf\"\r\n")
                .append("Content-Disposition: attachment; filename=\"pyynto.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n";
        String end = "--b1--\r\n";
        while (mail.length() + line.length() + end.length() <= MAIL_BYTES) {
            mail.append(line);
        }
        mail.append(end);
        byte[] bytes = mail.toString().getBytes(StandardCharsets.UTF_8);
        return bytes;
    }

    private static TableNames names(Map<String, String> tables) {
        return TableNames.from(v -> {
            for (RegisterTable t : RegisterTable.values()) {
                if (t.environmentVariable().equals(v)) {
                    return tables.get(t.logicalId());
                }
            }
            return null;
        });
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
