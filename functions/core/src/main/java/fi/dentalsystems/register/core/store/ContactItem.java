package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.util.Set;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

/** Storage shape of a Contacts item; {@code emailKey} is the normalised address for lookup. */
@SuppressFBWarnings(value = "EI_EXPOSE_REP",
        justification = "DynamoDB enhanced-client bean, the storage shape: the mapper sets and reads its "
                + "collections; writers pass fresh ones and the domain records copy them (Set/List/Map.copyOf)")
public final class ContactItem extends PurgeableItem {
    public static final String CONTACT_ID = "contactId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String BY_CUSTOMER = "byCustomer";
    public static final String BY_EMAIL = "byEmail";

    public static final StaticTableSchema<ContactItem> SCHEMA = StaticTableSchema.builder(ContactItem.class)
            .newItemSupplier(ContactItem::new)
            .addAttribute(String.class, a -> a.name(CONTACT_ID).getter(ContactItem::getContactId)
                    .setter(ContactItem::setContactId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(CUSTOMER_ID).getter(ContactItem::getCustomerId)
                    .setter(ContactItem::setCustomerId).tags(secondaryPartitionKey(BY_CUSTOMER)))
            .addAttribute(String.class, a -> a.name("name").getter(ContactItem::getName)
                    .setter(ContactItem::setName))
            .addAttribute(String.class, a -> a.name("email").getter(ContactItem::getEmail)
                    .setter(ContactItem::setEmail))
            .addAttribute(String.class, a -> a.name("emailKey").getter(ContactItem::getEmailKey)
                    .setter(ContactItem::setEmailKey).tags(secondaryPartitionKey(BY_EMAIL)))
            .addAttribute(String.class, a -> a.name("phone").getter(ContactItem::getPhone)
                    .setter(ContactItem::setPhone))
            .addAttribute(software.amazon.awssdk.enhanced.dynamodb.EnhancedType.setOf(String.class),
                    a -> a.name("roles").getter(ContactItem::getRoles).setter(ContactItem::setRoles))
            .addAttribute(String.class, a -> a.name("source").getter(ContactItem::getSource)
                    .setter(ContactItem::setSource))
            .addAttribute(String.class, a -> a.name("objectedAt").getter(ContactItem::getObjectedAt)
                    .setter(ContactItem::setObjectedAt))
            .addAttribute(String.class, a -> a.name("objectionRequestId").getter(ContactItem::getObjectionRequestId)
                    .setter(ContactItem::setObjectionRequestId))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ContactItem::getCreatedAt)
                    .setter(ContactItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(ContactItem::getUpdatedAt)
                    .setter(ContactItem::setUpdatedAt))
            .addAttribute(String.class, a -> a.name("restrictedAt").getter(ContactItem::getRestrictedAt)
                    .setter(ContactItem::setRestrictedAt))
            .addAttribute(String.class, a -> a.name("restrictionRequestId").getter(ContactItem::getRestrictionRequestId)
                    .setter(ContactItem::setRestrictionRequestId))
            .addAttribute(Long.class, a -> a.name("version").getter(ContactItem::getVersion)
                    .setter(ContactItem::setVersion).tags(versionAttribute()))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(ContactItem::getPurgeAt).setter(ContactItem::setPurgeAt)
                    .tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(ContactItem::getPurgeBucket)
                    .setter(ContactItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String contactId;
    private String customerId;
    private String name;
    private String email;
    private String emailKey;
    private String phone;
    private Set<String> roles;
    private String source;
    private String objectedAt;
    private String objectionRequestId;
    private String createdAt;
    private String updatedAt;
    private String restrictedAt;
    private String restrictionRequestId;
    private Long version;

    public String getContactId() { return contactId; }
    public void setContactId(String v) { contactId = v; }
    public String getCustomerId() { return customerId; }
    public void setCustomerId(String v) { customerId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getEmailKey() { return emailKey; }
    public void setEmailKey(String v) { emailKey = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
    public Set<String> getRoles() { return roles; }
    public void setRoles(Set<String> v) { roles = v; }
    public String getSource() { return source; }
    public void setSource(String v) { source = v; }
    public String getObjectedAt() { return objectedAt; }
    public void setObjectedAt(String v) { objectedAt = v; }
    public String getObjectionRequestId() { return objectionRequestId; }
    public void setObjectionRequestId(String v) { objectionRequestId = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String v) { updatedAt = v; }
    public String getRestrictedAt() { return restrictedAt; }
    public void setRestrictedAt(String v) { restrictedAt = v; }
    public String getRestrictionRequestId() { return restrictionRequestId; }
    public void setRestrictionRequestId(String v) { restrictionRequestId = v; }
    public Long getVersion() { return version; }
    public void setVersion(Long v) { version = v; }
}
