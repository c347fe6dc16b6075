package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.format.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local dead-letter queues: {@code .local/dlq/<FunctionLogicalId>/<time>-<id>.json}, one file per
 * event that failed all its attempts — what Lambda's on-failure destination, the stream mapping's and
 * the scheduler's dead-letter queues hold in AWS. Each file holds the event (an S3 key, a request id, a
 * schedule's input), the attempts and the error's class: nothing else. {@code ./dev redrive} replays them.
 */
final class LocalDeadLetters {
    /** One parked event: its file, the function it was for, and the event as the function takes it. */
    record Parked(Path file, String functionId, Map<String, Object> event) {
    }

    private final Path root;

    LocalDeadLetters(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path park(String functionId, Map<String, Object> event, int attempts, Throwable error) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("function", functionId);
        letter.put("condition", "RetriesExhausted");
        letter.put("approximateInvokeCount", attempts);
        letter.put("errorType", error.getClass().getName());
        letter.put("parkedAt", Instant.now().toString());
        letter.put("event", event);
        Path folder = root.resolve(functionId);
        Path file = folder.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".json");
        try {
            Files.createDirectories(folder);
            Path temp = folder.resolve(file.getFileName() + ".part");
            Files.writeString(temp, Json.write(letter), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot park the event", e);
        }
        System.out.println("[dlq] " + functionId + " → " + root.relativize(file) + " (" + attempts + " attempts, "
                + error.getClass().getSimpleName() + ")");
        return file;
    }

    /** Everything parked, oldest first. */
    @SuppressWarnings("unchecked")
    List<Parked> all() {
        List<Parked> parked = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return parked;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> letter = (Map<String, Object>) fi.dentalsystems.register.core.http.JsonBody.parse(Files.readString(f, StandardCharsets.UTF_8));
                parked.add(new Parked(f, String.valueOf(letter.get("function")), (Map<String, Object>) letter.get("event")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parked events", e);
        }
        return parked;
    }

    List<Parked> of(String functionId) {
        return all().stream().filter(p -> p.functionId().equals(functionId)).toList();
    }

    void remove(Parked parked) {
        try {
            Files.deleteIfExists(parked.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove a replayed event", e);
        }
    }
}
