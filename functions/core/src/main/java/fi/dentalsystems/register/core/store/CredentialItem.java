package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

/** Storage shape of a Credentials item: authentication metadata only, never a secret. */
public final class CredentialItem extends PurgeableItem {
    public static final String CONTACT_ID = "contactId";
    public static final String SERVICE = "service";

    public static final StaticTableSchema<CredentialItem> SCHEMA = StaticTableSchema.builder(CredentialItem.class)
            .newItemSupplier(CredentialItem::new)
            .addAttribute(String.class, a -> a.name(CONTACT_ID).getter(CredentialItem::getContactId)
                    .setter(CredentialItem::setContactId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(SERVICE).getter(CredentialItem::getService)
                    .setter(CredentialItem::setService).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("username").getter(CredentialItem::getUsername)
                    .setter(CredentialItem::setUsername))
            .addAttribute(String.class, a -> a.name("lastSignInAt").getter(CredentialItem::getLastSignInAt)
                    .setter(CredentialItem::setLastSignInAt))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(CredentialItem::getPurgeAt).setter(CredentialItem::setPurgeAt)
                    .tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(CredentialItem::getPurgeBucket)
                    .setter(CredentialItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String contactId;
    private String service;
    private String username;
    private String lastSignInAt;

    public String getContactId() { return contactId; }
    public void setContactId(String v) { contactId = v; }
    public String getService() { return service; }
    public void setService(String v) { service = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getLastSignInAt() { return lastSignInAt; }
    public void setLastSignInAt(String v) { lastSignInAt = v; }
}
