package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

/** A Suppression item: a peppered hash of an address that must never get marketing. Kept, never purged. */
public final class SuppressionItem {
    public static final StaticTableSchema<SuppressionItem> SCHEMA = StaticTableSchema.builder(SuppressionItem.class)
            .newItemSupplier(SuppressionItem::new)
            .addAttribute(String.class, a -> a.name("emailHash").getter(SuppressionItem::getEmailHash)
                    .setter(SuppressionItem::setEmailHash).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("since").getter(SuppressionItem::getSince)
                    .setter(SuppressionItem::setSince))
            .addAttribute(String.class, a -> a.name("requestId").getter(SuppressionItem::getRequestId)
                    .setter(SuppressionItem::setRequestId))
            .build();

    private String emailHash;
    private String since;
    private String requestId;

    public String getEmailHash() { return emailHash; }
    public void setEmailHash(String v) { emailHash = v; }
    public String getSince() { return since; }
    public void setSince(String v) { since = v; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String v) { requestId = v; }
}
