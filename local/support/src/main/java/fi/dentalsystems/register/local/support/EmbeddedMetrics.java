package fi.dentalsystems.register.local.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a function printed as CloudWatch embedded metrics (EMF) while it ran: Powertools metrics
 * write one JSON line with an {@code _aws} directive to stdout when the Lambda environment is set,
 * and CloudWatch reads exactly that line. Tests parse it as CloudWatch would, rather than trusting
 * a stubbed metrics sink.
 */
public record EmbeddedMetrics<T>(T answer, String printed, Optional<JsonNode> line) {

    /** Runs {@code run} with stdout captured; the last EMF line it printed, if any. */
    public static <T> EmbeddedMetrics<T> of(Supplier<T> run) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        T answer;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            answer = run.get();
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        JsonNode emf = null;
        for (String l : text.split("\\R")) {
            if (l.startsWith("{") && l.contains("\"_aws\"")) {
                try {
                    emf = new ObjectMapper().readTree(l);
                } catch (IOException e) {
                    throw new UncheckedIOException("an EMF line that is not JSON", e);
                }
            }
        }
        return new EmbeddedMetrics<>(answer, text, Optional.ofNullable(emf));
    }
}
