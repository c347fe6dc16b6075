package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;

/** What a legal hold can be placed on: the table, key attribute, id prefix and audit target type of each. */
public enum HoldTarget {
    CUSTOMER(RegisterTable.CUSTOMERS, CustomerItem.CUSTOMER_ID, Customer.ID_PREFIX, TargetType.CUSTOMER),
    CONTACT(RegisterTable.CONTACTS, ContactItem.CONTACT_ID, Contact.ID_PREFIX, TargetType.CONTACT),
    REQUEST(RegisterTable.REQUESTS, RequestItem.REQUEST_ID, DataSubjectRequest.ID_PREFIX, TargetType.REQUEST);

    private final RegisterTable table;
    private final String keyAttribute;
    private final String idPrefix;
    private final TargetType auditType;

    HoldTarget(RegisterTable table, String keyAttribute, String idPrefix, TargetType auditType) {
        this.table = table;
        this.keyAttribute = keyAttribute;
        this.idPrefix = idPrefix;
        this.auditType = auditType;
    }

    public String idPrefix() {
        return idPrefix;
    }

    public TargetType auditType() {
        return auditType;
    }

    public RegisterTable table() {
        return table;
    }

    public String keyAttribute() {
        return keyAttribute;
    }
}
