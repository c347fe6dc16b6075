package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.notice.RegisterDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables every deployed function gets from template.yaml's Globals to name the controller
 * (RegisterDescription.VARIABLES) and its processors (ProcessorRegister.VARIABLE), resolved from the parameters' defaults as a local run resolves
 * them: tests hand them to handlers the way the stack would, without a copy of any value.
 */
public final class RegisterVariables {
    private RegisterVariables() {
    }

    public static Map<String, String> fromTemplate() {
        SamTemplate template = SamTemplate.load();
        Map<String, Object> globals = template.globalEnvironment();
        Map<String, String> variables = new HashMap<>();
        List<String> names = new ArrayList<>(RegisterDescription.VARIABLES);
        names.add(ProcessorRegister.VARIABLE); // the processor register: the notice's recipients, processors' access
        for (String name : names) {
            SamTemplate.resolveLocal(globals.get(name), ref -> template.parameterDefault(ref).orElse(null))
                    .ifPresent(v -> variables.put(name, v));
        }
        return variables;
    }

    /** The template's register variables, with the given ones taking precedence. */
    public static Map<String, String> with(Map<String, String> given) {
        Map<String, String> variables = fromTemplate();
        // the stack gives the pepper's parameter to every function that hashes addresses (the erasure's ledger
        // among them, decision 0017); the test run's pepper stands in for it (pom.xml, surefire)
        String pepper = System.getenv("SUPPRESSION_PEPPER");
        if (pepper != null && !pepper.isBlank()) {
            variables.put("SUPPRESSION_PEPPER", pepper);
        }
        variables.putAll(given);
        return variables;
    }
}
