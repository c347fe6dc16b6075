package fi.dentalsystems.register.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.customers.CustomersApiHandler;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.TableFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * `./dev bench`: cold start of customers-api against dynalite, next to two floors measured in
 * the same run on the same JVM flags — a hello-world handler and a bare main that builds the
 * same SDK client and makes the same single GetItem. Fresh JVM per sample; medians.
 */
public final class ColdStartBench {
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            }
        }
        Path root = RepositoryRoot.find();
        Path jar = root.resolve("functions/customers-api/target/customers-api.jar");
        Path probeClasses = root.resolve("local/runtime/target/classes");
        try (Dynalite engine = Dynalite.start(Optional.empty());
             DynamoDbClient client = DynamoDbConnection.create(Optional.of(engine.endpoint()), "eu-west-1")) {
            Map<String, String> tables = TableFactory.createAll(client, SamTemplate.load(), "");
            TableNames names = TableNames.from(v -> {
                for (RegisterTable t : RegisterTable.values()) {
                    if (t.environmentVariable().equals(v)) {
                        return tables.get(t.logicalId());
                    }
                }
                return null;
            });
            String customerId = seedCustomer(client, names);

            Map<String, String> env = new LinkedHashMap<>();
            // only the tables template.yaml gives the function, as in Lambda: a store is built at init
            // for every table the function has (core config.Register), so more tables would mean more init
            Map<String, Object> declared = SamTemplate.load().function("CustomersApiFunction").orElseThrow().environment();
            for (RegisterTable t : RegisterTable.values()) {
                if (declared.containsKey(t.environmentVariable())) {
                    env.put(t.environmentVariable(), tables.get(t.logicalId()));
                }
            }
            env.put("DYNAMODB_ENDPOINT", engine.endpoint());
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "customers-api-bench");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("POWERTOOLS_SERVICE_NAME", "customer-register");
            env.put("POWERTOOLS_LOG_LEVEL", "INFO");
            env.put("SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value");

            String classpath = jar + java.io.File.pathSeparator + probeClasses;
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            for (String mode : List.of("hello", "bare", "handler")) {
                samples.put(mode, new ArrayList<>());
            }
            // warm the OS file cache once per case, then interleave the cases run by run
            for (String mode : samples.keySet()) {
                sample(mode, classpath, env, customerId);
            }
            for (int run = 0; run < runs; run++) {
                for (String mode : samples.keySet()) {
                    samples.get(mode).add(sample(mode, classpath, env, customerId));
                }
            }
            report(samples, Files.size(jar), runs);
        }
    }

    record Sample(double wallMs, double initMs, double firstEventMs, int classes, int status) {
    }

    private static String seedCustomer(DynamoDbClient client, TableNames names) throws Exception {
        CustomersApiHandler handler = new CustomersApiHandler(new fi.dentalsystems.register.core.config.HandlerSetup(
                client, names, Clock.systemUTC(), mail -> "none",
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
        return JSON.readTree(created.getBody()).path("customerId").asText();
    }

    private static Sample sample(String mode, String classpath, Map<String, String> env, String customerId)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), mode, customerId,
                "fi.dentalsystems.register.customers.CustomersApiHandler"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{\"mode\"")) {
                    result = line;
                }
            }
        }
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        if (exit != 0 || result == null) {
            throw new IllegalStateException(mode + " probe failed with exit " + exit);
        }
        JsonNode json = JSON.readTree(result);
        Sample sample = new Sample(wall, json.path("initMs").asDouble(), json.path("firstEventMs").asDouble(),
                json.path("classesLoaded").asInt(), json.path("status").asInt());
        if (sample.status() != 200) {
            throw new IllegalStateException(mode + " probe answered " + sample.status());
        }
        return sample;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void report(Map<String, List<Sample>> samples, long jarBytes, int runs) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runs", runs);
        result.put("jvmFlags", LAMBDA_FLAGS);
        result.put("javaVersion", System.getProperty("java.version"));
        result.put("jarBytes", jarBytes);
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%nCold start, median of %d fresh JVMs (%s)%n", runs, String.join(" ", LAMBDA_FLAGS));
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %12s %14s %8s%n", "case", "wall ms", "init ms", "1st event ms",
                "init+1st ms", "classes");
        for (var entry : samples.entrySet()) {
            List<Sample> s = entry.getValue();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("wallMs", median(s.stream().map(Sample::wallMs).toList()));
            c.put("initMs", median(s.stream().map(Sample::initMs).toList()));
            c.put("firstEventMs", median(s.stream().map(Sample::firstEventMs).toList()));
            c.put("initPlusFirstEventMs", median(s.stream().map(x -> x.initMs() + x.firstEventMs()).toList()));
            c.put("classesLoaded", median(s.stream().map(x -> (double) x.classes()).toList()));
            c.put("wallSamplesMs", s.stream().map(Sample::wallMs).toList());
            cases.put(entry.getKey(), c);
            System.out.printf(Locale.ROOT, "%-10s %10.0f %10.0f %12.0f %14.0f %8.0f%n", entry.getKey(), c.get("wallMs"),
                    c.get("initMs"), c.get("firstEventMs"), c.get("initPlusFirstEventMs"), c.get("classesLoaded"));
        }
        result.put("cases", cases);
        double handler = (double) cases.get("handler").get("wallMs");
        double bare = (double) cases.get("bare").get("wallMs");
        double hello = (double) cases.get("hello").get("wallMs");
        double inProcessRatio = (double) cases.get("handler").get("initPlusFirstEventMs")
                / (double) cases.get("bare").get("initPlusFirstEventMs");
        result.put("ratioToBareSdk", handler / bare);
        result.put("ratioToHelloWorld", handler / hello);
        result.put("inProcessRatioToBareSdk", inProcessRatio);
        result.put("target", "wall ratio to bare SDK <= 1.25");
        System.out.printf(Locale.ROOT, "%ncustomers-api / bare SDK: %.2fx wall, %.2fx init+first event (target <= 1.25x)%n",
                handler / bare, inProcessRatio);
        System.out.printf(Locale.ROOT, "customers-api / hello world: %.2fx wall%n", handler / hello);
        System.out.printf(Locale.ROOT, "jar: %.1f MB%n", jarBytes / 1e6);
        Path out = RepositoryRoot.find().resolve("target/bench/cold-start.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println("written: " + RepositoryRoot.find().relativize(out));
    }
}
