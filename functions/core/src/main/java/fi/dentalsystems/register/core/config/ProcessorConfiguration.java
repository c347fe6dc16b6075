package fi.dentalsystems.register.core.config;

import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.http.JsonBody;
import fi.dentalsystems.register.core.http.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the processor register from the function's {@code PROCESSORS} variable (template parameter
 * {@code Processors}; decision 0011): a JSON array of
 * {@code {"id", "name", "contract", "purposes": [purpose codes], "writes": ["customers" | "history" | "history:<CHANNEL>"]}}.
 * Anything else is a deployment error that names the rule and the processor, so a function never runs
 * on a register it misread. Unset or {@code []}: no processor has access, and the notice says so.
 */
public final class ProcessorConfiguration {
    private static final Set<String> FIELDS = Set.of("id", "name", "contract", "purposes", "writes");

    private ProcessorConfiguration() {
    }

    public static ProcessorRegister from(Optional<String> variable) {
        return variable.map(ProcessorConfiguration::parse).orElse(ProcessorRegister.NONE);
    }

    public static ProcessorRegister parse(String json) {
        Object tree;
        try {
            tree = JsonBody.parse(json);
        } catch (ProblemException malformed) {
            throw new IllegalStateException(ProcessorRegister.VARIABLE + " is not well-formed JSON", malformed);
        }
        if (!(tree instanceof List<?> entries)) {
            throw invalid("must be a JSON array of processors");
        }
        List<Processor> processors = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields)) {
                throw invalid("every processor must be a JSON object");
            }
            String id = text(fields, "id", "?");
            for (Object field : fields.keySet()) {
                if (!FIELDS.contains(String.valueOf(field))) {
                    throw invalid("processor " + id + " has an unknown field " + field + " (" + FIELDS + ")");
                }
            }
            Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            for (String code : texts(fields, "purposes", id)) {
                purposes.add(Arrays.stream(Purpose.values()).filter(p -> p.code().equals(code)).findFirst()
                        .orElseThrow(() -> invalid("processor " + id + " names an unknown purpose " + code)));
            }
            try {
                processors.add(new Processor(id, text(fields, "name", id), text(fields, "contract", id), purposes,
                        Processor.Writes.parse(fields.containsKey("writes") ? texts(fields, "writes", id) : List.of())));
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
        try {
            return new ProcessorRegister(processors);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String text(Map<?, ?> fields, String name, String id) {
        Object value = fields.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid("processor " + id + " needs a text " + name);
        }
        return s.strip();
    }

    private static List<String> texts(Map<?, ?> fields, String name, String id) {
        Object value = fields.get(name);
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            throw invalid("processor " + id + " needs " + name + " as a list of texts");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static IllegalStateException invalid(String rule) {
        return new IllegalStateException(ProcessorRegister.VARIABLE + ": " + rule);
    }
}
