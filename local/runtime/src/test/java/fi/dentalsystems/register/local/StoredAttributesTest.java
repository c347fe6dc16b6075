package fi.dentalsystems.register.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import fi.dentalsystems.register.core.architecture.RegisterArchitecture;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.PersonalDataCategory;
import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.core.store.ContactItem;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryItem;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.RequestItem;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StoredAttributes;
import fi.dentalsystems.register.core.store.SuppressionItem;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stored attribute is declared (a category of the privacy notice, or technical), and every
 * declared category is real: main code writes it. What a table may hold is read from the item
 * schemas, from the template's key and index attributes, and from the attributes written beside
 * the schemas (legal holds, purge clocks); the declarations live in core's {@code StoredAttributes}.
 */
class StoredAttributesTest {
    private static final Map<RegisterTable, TableSchema<?>> SCHEMAS = Map.of(
            RegisterTable.CUSTOMERS, CustomerItem.SCHEMA, RegisterTable.CONTACTS, ContactItem.SCHEMA,
            RegisterTable.HISTORY, HistoryItem.SCHEMA, RegisterTable.CREDENTIALS, CredentialItem.SCHEMA,
            RegisterTable.AUDIT, AuditItem.SCHEMA, RegisterTable.REQUESTS, RequestItem.SCHEMA,
            RegisterTable.SUPPRESSION, SuppressionItem.SCHEMA);

    /** The write methods of each table's store; a category is real if main code outside the store calls one. */
    private static final Map<RegisterTable, WriteMethods> WRITERS = Map.of(
            RegisterTable.CUSTOMERS, new WriteMethods(CustomerRepository.class, "create", "update"),
            RegisterTable.CONTACTS, new WriteMethods(ContactRepository.class, "create", "update", "modify"),
            RegisterTable.HISTORY, new WriteMethods(HistoryRepository.class, "add"),
            RegisterTable.CREDENTIALS, new WriteMethods(CredentialRepository.class, "put", "recordSignIn"),
            RegisterTable.AUDIT, new WriteMethods(AuditLog.class, "record", "recordReport"),
            RegisterTable.REQUESTS, new WriteMethods(RequestRepository.class, "create", "update"),
            RegisterTable.SUPPRESSION, new WriteMethods(SuppressionRepository.class, "suppress"),
            RegisterTable.ERASURE_LEDGER, new WriteMethods(fi.dentalsystems.register.core.store.ErasureLedger.class, "add"));

    private record WriteMethods(Class<?> owner, String... names) {
    }

    /** Attributes a table holds: its item schema, the template's key/index attributes, and the hold attributes. */
    static Map<RegisterTable, Set<String>> storedAttributes() {
        SamTemplate template = SamTemplate.load();
        Map<RegisterTable, Set<String>> stored = new EnumMap<>(RegisterTable.class);
        for (RegisterTable table : RegisterTable.values()) {
            Set<String> attributes = new LinkedHashSet<>(template.attributeDefinitions(table.logicalId()));
            if (SCHEMAS.containsKey(table)) {
                attributes.addAll(SCHEMAS.get(table).attributeNames());
            }
            if (table == RegisterTable.ERASURE_LEDGER) {
                // written with the low-level client (ADD to id sets): its attributes are listed beside it
                attributes.addAll(fi.dentalsystems.register.core.store.ErasureLedger.ATTRIBUTES);
            }
            stored.put(table, attributes);
        }
        // the chains' anchors share the audit table (decision 0012): heads of chains, no one's data
        stored.get(RegisterTable.AUDIT).addAll(fi.dentalsystems.register.core.store.AuditAnchorItem.SCHEMA.attributeNames());
        for (RegisterTable held : List.of(RegisterTable.CUSTOMERS, RegisterTable.CONTACTS, RegisterTable.REQUESTS)) {
            stored.get(held).addAll(List.of(fi.dentalsystems.register.core.store.LegalHolds.HOLD_UNTIL,
                    fi.dentalsystems.register.core.store.LegalHolds.HOLD_REASON,
                    fi.dentalsystems.register.core.store.LegalHolds.HELD_BY,
                    fi.dentalsystems.register.core.store.LegalHolds.HELD_AT));
        }
        return stored;
    }

    static List<String> undeclared(Map<RegisterTable, ? extends Collection<String>> stored) {
        List<String> missing = new ArrayList<>();
        stored.forEach((table, attributes) -> attributes.stream()
                .filter(a -> !StoredAttributes.isDeclared(table, a)).forEach(a -> missing.add(table + "." + a)));
        return missing;
    }

    @Test
    void everyStoredAttributeIsDeclaredAsACategoryOrTechnical() {
        Map<RegisterTable, Set<String>> stored = storedAttributes();
        assertThat(stored.get(RegisterTable.CONTACTS)).contains("name", "email", "emailKey", "purgeAt", "holdUntil");
        assertThat(undeclared(stored)).isEmpty();
    }

    @Test
    void anUndeclaredAttributeFailsTheCheck() {
        Map<RegisterTable, Set<String>> stored = storedAttributes();
        stored.get(RegisterTable.CONTACTS).add("favouriteColour");
        assertThat(undeclared(stored)).containsExactly("CONTACTS.favouriteColour");
    }

    @Test
    void nothingIsDeclaredThatNoTableStores() {
        Map<RegisterTable, Set<String>> stored = storedAttributes();
        List<String> phantom = StoredAttributes.all().stream()
                .filter(d -> !stored.get(d.table()).contains(d.attribute()))
                .map(d -> d.table() + "." + d.attribute()).toList();
        assertThat(phantom).isEmpty();
    }

    @Test
    void everyDeclaredCategoryHasAWriterInMainCode() {
        JavaClasses main = new ClassFileImporter().withImportOption(RegisterArchitecture.MAIN_CODE)
                .importPackages(RegisterArchitecture.ROOT);
        Set<String> written = new TreeSet<>();
        for (PersonalDataCategory category : PersonalDataCategory.values()) {
            for (RegisterTable table : StoredAttributes.tablesOf(category)) {
                WriteMethods writer = WRITERS.get(table);
                boolean called = main.get(writer.owner()).getMethodCallsToSelf().stream()
                        .filter(call -> List.of(writer.names()).contains(call.getName()))
                        .map(JavaMethodCall::getOriginOwner)
                        .anyMatch(origin -> !origin.getPackageName().startsWith(RegisterArchitecture.ROOT + ".core.store")
                                && !origin.getPackageName().startsWith(RegisterArchitecture.ROOT + ".purge"));
                if (called) {
                    written.add(category.name());
                }
            }
        }
        assertThat(written).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(PersonalDataCategory.values()).map(Enum::name).toList());
    }

    @Test
    void everyPersonalAttributeServesAPurposeAndNoTechnicalOneServesAny() {
        List<String> servingNothing = StoredAttributes.all().stream().filter(d -> !d.technical())
                .filter(d -> d.anyPurposes().isEmpty()).map(d -> d.table() + "." + d.attribute()).toList();
        List<String> technicalWithPurposes = StoredAttributes.all().stream().filter(StoredAttributes.Declaration::technical)
                .filter(d -> !d.purposes().isEmpty() || d.byRoles()).map(d -> d.table() + "." + d.attribute()).toList();
        assertThat(servingNothing).isEmpty();
        assertThat(technicalWithPurposes).isEmpty();
        // a contact's identity goes by its roles: a billing contact serves billing, a technical one support
        var name = StoredAttributes.of(RegisterTable.CONTACTS, "name").orElseThrow();
        assertThat(name.purposesFor(Set.of(fi.dentalsystems.register.core.domain.ContactRole.BILLING)))
                .contains(fi.dentalsystems.register.core.domain.Purpose.BILLING)
                .doesNotContain(fi.dentalsystems.register.core.domain.Purpose.TECHNICAL_SUPPORT);
    }
}
