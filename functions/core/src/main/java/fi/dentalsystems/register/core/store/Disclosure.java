package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.PersonalDataCategory;
import fi.dentalsystems.register.core.domain.Purpose;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may be shown of the register's records, by the purposes each stored attribute
 * serves ({@link StoredAttributes}). The controller's staff see everything; a contracted processor
 * (GDPR art. 28; seed §9) sees a record's technical attributes (ids, status, timestamps, version) and
 * only those personal attributes that serve one of its contract's purposes, and only records some such
 * attribute concerns — never a restricted one (art. 18(2)), and nothing of the controller's own
 * records: requests, the audit trail and the suppression list stay with the controller (art. 5(2), 12).
 */
public final class Disclosure {
    /** The tables a processor's answers may come from (the rest are the controller's own records). */
    public static final Set<RegisterTable> SHOWN_TO_PROCESSORS = Collections.unmodifiableSet(EnumSet.of(
            RegisterTable.CUSTOMERS, RegisterTable.CONTACTS, RegisterTable.HISTORY, RegisterTable.CREDENTIALS));

    /** The controller's own staff (and its services): every field of every record. */
    public static final Disclosure EVERYTHING = new Disclosure(Optional.empty());

    private final Optional<Set<Purpose>> purposes;

    private Disclosure(Optional<Set<Purpose>> purposes) {
        this.purposes = purposes;
    }

    /** What a processor of these purposes is shown. */
    public static Disclosure forPurposes(Set<Purpose> purposes) {
        return new Disclosure(Optional.of(Set.copyOf(purposes)));
    }

    public boolean isEverything() {
        return purposes.isEmpty();
    }

    /** Whether the attribute may be shown: technical ones always, personal ones when a purpose of theirs is the caller's. */
    public boolean shows(RegisterTable table, String attribute, Set<ContactRole> roles) {
        StoredAttributes.Declaration declaration = StoredAttributes.of(table, attribute).orElseThrow(
                () -> new IllegalArgumentException(table + "." + attribute + " is not a declared stored attribute"));
        if (purposes.isEmpty()) {
            return true;
        }
        if (!SHOWN_TO_PROCESSORS.contains(table)) {
            return false;
        }
        return declaration.technical() || meets(declaration.purposesFor(roles));
    }

    public boolean shows(RegisterTable table, String attribute) {
        return shows(table, attribute, Set.of());
    }

    /** Of these attributes, the ones the caller may not be shown (so may not write either), in their order. */
    public List<String> hidden(RegisterTable table, List<String> attributes) {
        return attributes.stream().filter(a -> !shows(table, a)).toList();
    }

    /** Whether any personal attribute of a record of the table (a contact's: with these roles) is shown. */
    public boolean concerns(RegisterTable table, Set<ContactRole> roles) {
        if (purposes.isEmpty()) {
            return true;
        }
        return SHOWN_TO_PROCESSORS.contains(table) && StoredAttributes.all().stream()
                .filter(d -> d.table() == table && !d.technical())
                .anyMatch(d -> meets(d.purposesFor(roles)));
    }

    /** A contact the caller may be shown: for a processor, one its purposes concern and not restricted. */
    public boolean concerns(Contact contact) {
        return purposes.isEmpty() || !contact.isRestricted() && concerns(RegisterTable.CONTACTS, contact.roles());
    }

    /** A customer the caller may be shown: for a processor, not one kept only because a law requires it. */
    public boolean concerns(Customer customer) {
        return purposes.isEmpty() || customer.restriction().isEmpty() && concerns(RegisterTable.CUSTOMERS, Set.of());
    }

    /** The caller's purposes that some attribute of the table serves, in the order of {@link Purpose}; all for staff. */
    public Set<Purpose> servedIn(RegisterTable table) {
        Set<Purpose> served = StoredAttributes.purposesOf(table);
        if (purposes.isEmpty()) {
            return served;
        }
        if (!SHOWN_TO_PROCESSORS.contains(table)) {
            return Set.of();
        }
        Set<Purpose> mine = EnumSet.noneOf(Purpose.class);
        purposes.get().stream().filter(served::contains).forEach(mine::add);
        return mine;
    }

    /** The categories of personal data (seed §5) some record may show the caller: what a recipient sees. */
    public Set<PersonalDataCategory> categoriesShown() {
        Set<PersonalDataCategory> shown = EnumSet.noneOf(PersonalDataCategory.class);
        StoredAttributes.all().stream().filter(d -> !d.technical())
                .filter(d -> purposes.isEmpty() || SHOWN_TO_PROCESSORS.contains(d.table()) && meets(d.anyPurposes()))
                .forEach(d -> shown.add(d.category().orElseThrow()));
        return shown;
    }

    private boolean meets(Set<Purpose> served) {
        return purposes.orElseThrow().stream().anyMatch(served::contains);
    }
}
