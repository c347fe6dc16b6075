package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StoredAttributes;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's tables of which purposes each field serves and which purposes each contact role adds
 * are a written-down copy of core's StoredAttributes and ContactRole: this reads them back and fails on
 * any difference, so the documentation cannot promise a processor sees less (or more) than it does.
 */
class ReadmeProcessorTablesTest {
    private static final Map<String, RegisterTable> RECORDS = Map.of("customer", RegisterTable.CUSTOMERS,
            "contact", RegisterTable.CONTACTS, "history entry", RegisterTable.HISTORY,
            "credential", RegisterTable.CREDENTIALS);

    private static List<String[]> table(String header) throws IOException {
        List<String> lines = Files.readAllLines(RepositoryRoot.find().resolve("README.md"));
        int at = lines.indexOf(header);
        assertThat(at).as("README has the table " + header).isNotNegative();
        return lines.subList(at + 2, lines.size()).stream().takeWhile(l -> l.startsWith("|"))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::strip)
                        .toArray(String[]::new)).toList();
    }

    private static Set<Purpose> purposes(String cell) {
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        for (String word : cell.split("[,\\s]+")) {
            Arrays.stream(Purpose.values()).filter(p -> p.code().equals(word)).forEach(purposes::add);
        }
        return purposes;
    }

    @Test
    void theReadmeTableOfPurposesPerFieldIsTheDeclarationsOfStoredAttributes() throws IOException {
        Set<String> written = new TreeSet<>();
        for (String[] row : table("| record | fields | purposes |")) {
            RegisterTable table = RECORDS.get(row[0]);
            assertThat(table).as("record " + row[0]).isNotNull();
            Matcher field = Pattern.compile("`([A-Za-z]+)`").matcher(row[1]);
            while (field.find()) {
                written.add(table + "." + field.group(1) + " " + purposes(row[2]) + (row[2].contains("roles") ? " +roles" : ""));
            }
        }
        Set<String> declared = StoredAttributes.all().stream()
                .filter(d -> !d.technical() && Disclosure.SHOWN_TO_PROCESSORS.contains(d.table()))
                .map(d -> d.table() + "." + d.attribute() + " " + EnumSet.copyOf(d.purposes()) + (d.byRoles() ? " +roles" : ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(written).isEqualTo(declared);
    }

    @Test
    void theReadmeTableOfRolesIsWhatEachContactRoleServes() throws IOException {
        Set<String> written = table("| role | purposes it adds |").stream()
                .map(row -> row[0].replace("`", "") + " " + purposes(row[1])).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = Arrays.stream(ContactRole.values()).map(r -> r.name() + " " + EnumSet.copyOf(r.purposes()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(written).isEqualTo(declared);
    }
}
