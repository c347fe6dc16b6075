package fi.dentalsystems.register.core.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contracted processors the register is configured with (template parameter {@code Processors},
 * environment {@link #VARIABLE}; decision 0011). The same list decides who may sign in as which
 * processor, what each is shown and written, and what the privacy notice, the record of processing
 * and the access export name as recipients.
 */
public final class ProcessorRegister {
    /** The function variable that holds the register (JSON; config.ProcessorConfiguration reads it). */
    public static final String VARIABLE = "PROCESSORS";
    public static final ProcessorRegister NONE = new ProcessorRegister(List.of());

    private final List<Processor> all;
    private final Map<String, Processor> byGroup = new HashMap<>();

    public ProcessorRegister(List<Processor> processors) {
        this.all = List.copyOf(processors);
        for (Processor p : all) {
            if (byGroup.put(p.groupName(), p) != null) {
                throw new IllegalArgumentException("processor " + p.id() + " is configured twice");
            }
        }
    }

    public List<Processor> all() {
        return all;
    }

    public Optional<Processor> byId(String id) {
        return Optional.ofNullable(byGroup.get(StaffGroup.PROCESSOR_GROUP_PREFIX + id));
    }

    /** The processor whose Cognito group this is; empty for any other group or an unconfigured processor. */
    public Optional<Processor> byGroupName(String group) {
        return Optional.ofNullable(byGroup.get(group));
    }
}
