package fi.dentalsystems.register.core.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Deployed table names, resolved once at init from the function's environment. */
public final class TableNames {
    private final Map<RegisterTable, String> names;

    private TableNames(Map<RegisterTable, String> names) {
        this.names = Map.copyOf(names);
    }

    public static TableNames fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads each table's variable through the lookup; a table a function does not use may be absent. */
    public static TableNames from(Function<String, String> lookup) {
        Map<RegisterTable, String> names = new EnumMap<>(RegisterTable.class);
        for (RegisterTable table : RegisterTable.values()) {
            String name = lookup.apply(table.environmentVariable());
            if (name != null && !name.isBlank()) {
                names.put(table, name);
            }
        }
        return new TableNames(names);
    }

    /** The table's name when the function has it. */
    public Optional<String> find(RegisterTable table) {
        return Optional.ofNullable(names.get(table));
    }

    public String nameOf(RegisterTable table) {
        String name = names.get(table);
        if (name == null) {
            throw new IllegalStateException("environment variable " + table.environmentVariable() + " is not set");
        }
        return name;
    }
}
