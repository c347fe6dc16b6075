package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.config.HandlerSetup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a function's SnapStart priming ({@code beforeCheckpoint}) did, run for real over a test's
 * engine (decision 0019): the DynamoDB calls it made (through {@link DynamoDbPermissions}' recording
 * client), those its policy in template.yaml would refuse, the mail it sent, the items in every table
 * before and after, and the files it left in the function's export, inbound and outbox folders.
 */
public record ReadOnlyPriming(Set<DynamoDbPermissions.Call> calls, List<DynamoDbPermissions.Call> notAllowed,
                              int mailsSent, long itemsBefore, long itemsAfter, List<Path> filesWritten) {
    /** The actions a read makes; anything else is a write. */
    public static final Set<String> READS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:Scan", "dynamodb:DescribeTable");

    public ReadOnlyPriming {
        calls = Set.copyOf(calls);
        notAllowed = List.copyOf(notAllowed);
        filesWritten = List.copyOf(filesWritten);
    }

    /**
     * Builds the handler from a setup over {@code engine}'s tables (exports, inbound mail and the outbox
     * under {@code folder}) and runs its priming once; {@code priming} returns the priming to run.
     */
    public static ReadOnlyPriming of(DynamoDbEngine engine, String functionLogicalId, Path folder,
                                     Function<HandlerSetup, Runnable> priming) {
        DynamoDbPermissions primed = new DynamoDbPermissions(SamTemplate.load());
        AtomicInteger mails = new AtomicInteger();
        HandlerSetup setup = new HandlerSetup(primed.recording(engine.client()), engine.tables(), Clock.systemUTC(),
                mail -> {
                    mails.incrementAndGet();
                    return "primed-mail";
                },
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000",
                        "REGISTER_CONTACT_EMAIL", "tietosuoja@dentalsystems.fi",
                        "SUPPRESSION_PEPPER", "priming-test-pepper-not-a-secret",
                        "EXPORT_FOLDER", folder.resolve("exports").toString(),
                        "INBOUND_FOLDER", folder.resolve("inbound").toString())));
        Runnable prime = priming.apply(setup);
        // the handler is built (its init makes no call) before the count: only the priming's calls are recorded
        long before = items(engine);
        prime.run();
        long after = items(engine);
        return new ReadOnlyPriming(primed.calls(), primed.notAllowed(SamTemplate.load(), functionLogicalId), mails.get(),
                before, after, files(folder));
    }

    /** Every item of every table of the engine (a count, through the real engine). */
    private static long items(DynamoDbEngine engine) {
        DynamoDbClient client = engine.client();
        long total = 0;
        for (String table : engine.tableNamesByLogicalId().values()) {
            total += client.scan(r -> r.tableName(table).select(Select.COUNT).consistentRead(true)).count();
        }
        return total;
    }

    private static List<Path> files(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only reads, each one the function's role may make, and nothing stored, mailed or written. */
    public boolean readOnly() {
        return calls.stream().allMatch(c -> READS.contains(c.action())) && notAllowed.isEmpty() && mailsSent == 0
                && itemsBefore == itemsAfter && filesWritten.isEmpty();
    }
}
