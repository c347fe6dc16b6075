package fi.dentalsystems.register.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.dentalsystems.register.local.support.RepositoryRoot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * `./dev bench`, last step: one report, target/bench/report.json, from the benchmarks' own files
 * (issue 17's shape: {@code coldStart.<function>}, {@code purge}) and the machine's description.
 * Only what was measured in this run's files appears; a function not yet measured is absent, not zero.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReport() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = RepositoryRoot.find().resolve("target/bench");
        ObjectNode report = JSON.createObjectNode();
        ObjectNode machine = report.putObject("machine");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("engine", "dynalite (local/dynalite, pinned)");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> machine.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        }
        Path cold = dir.resolve("cold-start.json");
        if (Files.exists(cold)) {
            // ColdStartBench writes each function's entry in its final shape (wallRatio, initFirstEventRatio, ...)
            JsonNode c = JSON.readTree(cold.toFile());
            ObjectNode coldStart = report.putObject("coldStart");
            c.path("functions").fields().forEachRemaining(f -> coldStart.set(f.getKey(), f.getValue()));
            ObjectNode method = report.putObject("coldStartMethod");
            method.set("runs", c.path("runs"));
            method.set("primedRuns", c.path("primedRuns"));
            method.set("jvmFlags", c.path("jvmFlags"));
            method.put("floor", "a bare main in a fresh JVM: the function's SDK clients, the calls its first event made");
        }
        Path purge = dir.resolve("purge.json");
        if (Files.exists(purge)) {
            report.set("purge", JSON.readTree(purge.toFile()).path("purge"));
        }
        // warm latency per route (WarmRouteBench) and memory at size (MemoryBench), as they wrote them
        for (Map.Entry<String, String> part : Map.of("warm", "warm.json", "memory", "memory.json").entrySet()) {
            Path file = dir.resolve(part.getValue());
            if (Files.exists(file)) {
                JsonNode written = JSON.readTree(file.toFile());
                report.set(part.getKey(), part.getKey().equals("warm") ? written.path("routes") : written);
            }
        }
        Path out = dir.resolve("report.json");
        Files.createDirectories(dir);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.printf(Locale.ROOT, "%nwritten: %s%n", RepositoryRoot.find().relativize(out));
    }
}
