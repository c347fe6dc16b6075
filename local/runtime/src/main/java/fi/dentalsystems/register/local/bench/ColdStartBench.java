package fi.dentalsystems.register.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.MotoServer;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.TableFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * `./dev bench`: the cold start of every function ({@link ColdStartFunctions#ALL}) against its own
 * floor, measured in the same run with Lambda's JVM flags, a fresh JVM per sample, medians.
 *
 * <p>Per function: a warm-up (file cache; the purge's and the digests' catch-up of past days), a
 * record run (the handler with {@link CallRecorder}: which AWS calls its first event makes), the
 * floor built from that record (and recorded too: the calls must match), then {@code runs} rounds
 * of floor, handler and — in the first {@code primedRuns} rounds — a primed handler (SnapStart:
 * {@code beforeCheckpoint} first; the classes its first event still loads). Wall is the probe
 * process's life as the bench sees it (JVM start to exit); init+first event is timed inside it.
 * {@code --only a,b} measures some functions only.
 */
public final class ColdStartBench {
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");
    static final double TARGET = 1.25;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        int primedRuns = 3;
        Set<String> only = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--primed-runs" -> primedRuns = Integer.parseInt(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = RepositoryRoot.find();
        Path work = root.resolve("target/bench/cold-start");
        Files.createDirectories(work);
        Path recordDir = recorderClasspath(work);
        String probeClasses = root.resolve("local/runtime/target/classes") + File.pathSeparator + serializationJar(root);
        SamTemplate template = SamTemplate.load();
        Map<String, Object> functions = new LinkedHashMap<>();
        try (Dynalite engine = Dynalite.start(Optional.empty());
             MotoServer moto = MotoServer.start();
             DynamoDbClient client = DynamoDbConnection.create(Optional.of(engine.endpoint()), BenchWorld.REGION)) {
            Map<String, String> tables = TableFactory.createAll(client, template, "");
            BenchWorld world = new BenchWorld(client, tables, engine.endpoint(), moto.endpoint());
            List<String> schemas = world.keySchemas();
            for (ColdStartFunction f : ColdStartFunctions.ALL) {
                if (!only.isEmpty() && !only.contains(f.name())) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "%s …%n", f.name());
                Path jar = root.resolve("functions/" + f.name() + "/target/" + f.name() + ".jar");
                String handlerClass = template.function(f.templateId()).orElseThrow().handlerClass();
                String classpath = jar + File.pathSeparator + probeClasses;
                Map<String, String> env = world.environment(f.templateId());
                Case c = new Case(f, handlerClass, classpath, env, work);
                c.sample("handler", world, 0, null, List.of());
                Path record = work.resolve(f.name() + ".calls");
                Files.deleteIfExists(record);
                c.sample("handler", world, 1, null, recordArgs(recordDir, record));
                List<String> calls = Files.exists(record) ? Files.readAllLines(record) : List.of();
                Path spec = work.resolve(f.name() + ".floor");
                Files.write(spec, floorSpec(f, calls, schemas));
                Path floorRecord = work.resolve(f.name() + ".floor-calls");
                Files.deleteIfExists(floorRecord);
                c.sample("floor", world, 1, spec, recordArgs(recordDir, floorRecord));
                List<String> floorCalls = Files.exists(floorRecord) ? Files.readAllLines(floorRecord) : List.of();
                Map<String, List<Sample>> samples = new LinkedHashMap<>();
                for (String mode : List.of("floor", "handler", "primed")) {
                    samples.put(mode, new ArrayList<>());
                }
                for (int run = 0; run < runs; run++) {
                    samples.get("floor").add(c.sample("floor", world, 2 + run, spec, List.of()));
                    samples.get("handler").add(c.sample("handler", world, 2 + run, null, List.of()));
                    if (run < primedRuns) {
                        samples.get("primed").add(c.sample("primed", world, 2 + run, null, List.of()));
                    }
                }
                functions.put(f.name(), summary(f, samples, Files.size(jar), calls, floorCalls));
                // written after each function: a long run that is cut short still leaves what it measured
                report(functions, runs, primedRuns);
            }
        }
    }

    private static List<String> recordArgs(Path recordDir, Path file) {
        return List.of("-Dbench.record=" + file, "+cp", recordDir.toString());
    }

    /** The record run's extra classpath entry: the SDK's global-interceptor resource naming {@link CallRecorder}. */
    private static Path recorderClasspath(Path work) throws Exception {
        Path dir = work.resolve("recorder");
        Path resource = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, CallRecorder.class.getName() + "\n");
        return dir;
    }

    private static String serializationJar(Path root) throws Exception {
        for (String entry : Files.readString(root.resolve("local/runtime/target/classpath.txt")).trim().split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-serialization")) {
                return entry;
            }
        }
        throw new IllegalStateException("aws-lambda-java-serialization is not on local/runtime's classpath");
    }

    /** The floor's spec: its clients (the function's, and any its calls need), the key schemas, the calls. */
    static List<String> floorSpec(ColdStartFunction f, List<String> calls, List<String> schemas) {
        Set<String> clients = new LinkedHashSet<>(f.clients());
        for (String call : calls) {
            String service = call.split(" ")[0];
            if (!List.of("DynamoDb", "S3", "SesV2", "Ssm").contains(service)) {
                throw new IllegalStateException("a call the floor cannot make: " + call);
            }
            clients.add(service);
        }
        List<String> spec = new ArrayList<>();
        clients.forEach(c -> spec.add("client " + c));
        spec.addAll(schemas);
        spec.addAll(calls);
        return spec;
    }

    record Sample(double wallMs, double initMs, double firstEventMs, int classes, int classesFirstEvent,
                  long peakRssKb) {
    }

    /** The floor reads (parses) the last event prepared for its function: it needs no data of its own. */
    private static final Map<String, String> FLOOR_EVENTS = new java.util.HashMap<>();

    private record Case(ColdStartFunction f, String handlerClass, String classpath, Map<String, String> env, Path work) {
        Sample sample(String mode, BenchWorld world, int n, Path floorSpec, List<String> extra) throws Exception {
            Path events = work.resolve(f.name() + "-" + n + "-" + mode + ".events");
                        if (!mode.equals("floor") || !FLOOR_EVENTS.containsKey(f.name())) {
                String prepared = String.join("\n---\n", f.firstEvent().prepare(world, n));
                FLOOR_EVENTS.put(f.name(), prepared);
            }
            Files.writeString(events, FLOOR_EVENTS.get(f.name()), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LAMBDA_FLAGS);
            String cp = classpath;
            for (int i = 0; i < extra.size(); i++) {
                if (extra.get(i).equals("+cp")) {
                    cp = cp + File.pathSeparator + extra.get(++i);
                } else {
                    command.add(extra.get(i));
                }
            }
            command.addAll(List.of("-cp", cp, ColdStartProbe.class.getName(), mode, handlerClass, f.input(),
                    events.toString()));
            if (floorSpec != null) {
                command.add(floorSpec.toString());
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            String result = null;
            List<String> tail = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("{\"mode\"")) {
                        result = line;
                    } else {
                        tail.add(line);
                        if (tail.size() > 40) {
                            tail.remove(0);
                        }
                    }
                }
            }
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e6;
            Files.deleteIfExists(events);
            if (exit != 0 || result == null) {
                throw new IllegalStateException(f.name() + " " + mode + " probe failed with exit " + exit + ":\n"
                        + String.join("\n", tail));
            }
            JsonNode json = JSON.readTree(result);
            if (json.path("status").asInt() != 200) {
                throw new IllegalStateException(f.name() + " " + mode + " answered " + json.path("status").asInt()
                        + ":\n" + String.join("\n", tail));
            }
            return new Sample(wall, json.path("initMs").asDouble(), json.path("firstEventMs").asDouble(),
                    json.path("classesLoaded").asInt(), json.path("classesFirstEvent").asInt(),
                    json.path("peakRssKb").asLong());
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, Object> summary(ColdStartFunction f, Map<String, List<Sample>> samples, long jarBytes,
                                               List<String> calls, List<String> floorCalls) {
        List<Sample> handler = samples.get("handler");
        List<Sample> floor = samples.get("floor");
        List<Sample> primed = samples.get("primed");
        double wall = median(handler.stream().map(Sample::wallMs).toList());
        double floorWall = median(floor.stream().map(Sample::wallMs).toList());
        double inProcess = median(handler.stream().map(s -> s.initMs() + s.firstEventMs()).toList());
        double floorInProcess = median(floor.stream().map(s -> s.initMs() + s.firstEventMs()).toList());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("wallRatio", round(wall / floorWall, 3));
        r.put("initFirstEventRatio", round(inProcess / floorInProcess, 3));
        r.put("wallMs", round(wall, 1));
        r.put("floorWallMs", round(floorWall, 1));
        r.put("initMs", round(median(handler.stream().map(Sample::initMs).toList()), 1));
        r.put("firstEventMs", round(median(handler.stream().map(Sample::firstEventMs).toList()), 1));
        r.put("floorInitMs", round(median(floor.stream().map(Sample::initMs).toList()), 1));
        r.put("floorFirstEventMs", round(median(floor.stream().map(Sample::firstEventMs).toList()), 1));
        r.put("initFirstEventMs", round(inProcess, 1));
        r.put("floorInitFirstEventMs", round(floorInProcess, 1));
        r.put("classesLoaded", (long) median(handler.stream().map(s -> (double) s.classes()).toList()));
        r.put("floorClassesLoaded", (long) median(floor.stream().map(s -> (double) s.classes()).toList()));
        r.put("jarBytes", jarBytes);
        r.put("peakRssKb", (long) median(handler.stream().map(s -> (double) s.peakRssKb()).toList()));
        r.put("floorPeakRssKb", (long) median(floor.stream().map(s -> (double) s.peakRssKb()).toList()));
        r.put("firstEventClasses", (long) median(handler.stream().map(s -> (double) s.classesFirstEvent()).toList()));
        r.put("restoredFirstEventClasses", (long) median(primed.stream().map(s -> (double) s.classesFirstEvent()).toList()));
        r.put("restoredFirstEventMs", round(median(primed.stream().map(Sample::firstEventMs).toList()), 1));
        r.put("calls", calls.size());
        r.put("callsMatch", shapes(calls).equals(shapes(floorCalls)));
        r.put("callShapes", shapes(calls));
        r.put("target", "wallRatio <= " + TARGET);
        r.put("wallSamplesMs", handler.stream().map(s -> round(s.wallMs(), 1)).toList());
        r.put("floorWallSamplesMs", floor.stream().map(s -> round(s.wallMs(), 1)).toList());
        return r;
    }

    /** A call without its item count's noise: service, operation, table or bucket, index, count. */
    private static List<String> shapes(List<String> calls) {
        return calls.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static void report(Map<String, Object> functions, int runs, int primedRuns) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runs", runs);
        result.put("primedRuns", primedRuns);
        result.put("jvmFlags", LAMBDA_FLAGS);
        result.put("javaVersion", System.getProperty("java.version"));
        result.put("functions", functions);
        System.out.printf(Locale.ROOT, "%nCold start, median of %d fresh JVMs (%s); floor = bare SDK main, same clients "
                + "and calls%n", runs, String.join(" ", LAMBDA_FLAGS));
        System.out.printf(Locale.ROOT, "%-19s %8s %8s %6s %9s %9s %6s %8s %8s %8s %6s%n", "function", "wall ms",
                "floor", "ratio", "init+1st", "floor", "ratio", "classes", "restored", "RSS MB", "calls");
        functions.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) value;
            System.out.printf(Locale.ROOT, "%-19s %8.0f %8.0f %6.2f %9.0f %9.0f %6.2f %8d %8d %8.0f %5d%s%n", name,
                    r.get("wallMs"), r.get("floorWallMs"), r.get("wallRatio"), r.get("initFirstEventMs"),
                    r.get("floorInitFirstEventMs"), r.get("initFirstEventRatio"), r.get("classesLoaded"),
                    r.get("restoredFirstEventClasses"), ((Long) r.get("peakRssKb")) / 1024.0, r.get("calls"),
                    Boolean.TRUE.equals(r.get("callsMatch")) ? "" : " (floor's calls differ)");
        });
        System.out.printf(Locale.ROOT, "target: wall ratio <= %.2f each (the machine is shared: figures are noisy)%n", TARGET);
        Path out = RepositoryRoot.find().resolve("target/bench/cold-start.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println("written: " + RepositoryRoot.find().relativize(out));
    }
}
