package fi.dentalsystems.register.core.retention;

import fi.dentalsystems.register.core.config.RegisterTable;

/** What a legal hold can be placed on: the table and the key attribute of each. */
public enum HoldTarget {
    CUSTOMER(RegisterTable.CUSTOMERS, "customerId"),
    CONTACT(RegisterTable.CONTACTS, "contactId"),
    REQUEST(RegisterTable.REQUESTS, "requestId");

    private final RegisterTable table;
    private final String keyAttribute;

    HoldTarget(RegisterTable table, String keyAttribute) {
        this.table = table;
        this.keyAttribute = keyAttribute;
    }

    public RegisterTable table() {
        return table;
    }

    public String keyAttribute() {
        return keyAttribute;
    }
}
