package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/** Storage shape of a History item: sort key {@code occurredAt#entryId} gives newest-first pages. */
public final class HistoryItem extends PurgeableItem {
    public static final String CUSTOMER_ID = "customerId";
    public static final String ENTRY_KEY = "entryKey";
    public static final String BY_CONTACT = "byContact";

    public static final StaticTableSchema<HistoryItem> SCHEMA = StaticTableSchema.builder(HistoryItem.class)
            .newItemSupplier(HistoryItem::new)
            .addAttribute(String.class, a -> a.name(CUSTOMER_ID).getter(HistoryItem::getCustomerId)
                    .setter(HistoryItem::setCustomerId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(ENTRY_KEY).getter(HistoryItem::getEntryKey)
                    .setter(HistoryItem::setEntryKey).tags(primarySortKey(), secondarySortKey(BY_CONTACT)))
            .addAttribute(String.class, a -> a.name("entryId").getter(HistoryItem::getEntryId)
                    .setter(HistoryItem::setEntryId))
            .addAttribute(String.class, a -> a.name("occurredAt").getter(HistoryItem::getOccurredAt)
                    .setter(HistoryItem::setOccurredAt))
            .addAttribute(String.class, a -> a.name("channel").getter(HistoryItem::getChannel)
                    .setter(HistoryItem::setChannel))
            .addAttribute(String.class, a -> a.name("summary").getter(HistoryItem::getSummary)
                    .setter(HistoryItem::setSummary))
            .addAttribute(String.class, a -> a.name("contactId").getter(HistoryItem::getContactId)
                    .setter(HistoryItem::setContactId).tags(secondaryPartitionKey(BY_CONTACT)))
            .addAttribute(String.class, a -> a.name("source").getter(HistoryItem::getSource)
                    .setter(HistoryItem::setSource))
            .addAttribute(String.class, a -> a.name("recordedBy").getter(HistoryItem::getRecordedBy)
                    .setter(HistoryItem::setRecordedBy))
            .addAttribute(String.class, a -> a.name("createdAt").getter(HistoryItem::getCreatedAt)
                    .setter(HistoryItem::setCreatedAt))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(HistoryItem::getPurgeAt).setter(HistoryItem::setPurgeAt)
                    .tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(HistoryItem::getPurgeBucket)
                    .setter(HistoryItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String customerId;
    private String entryKey;
    private String entryId;
    private String occurredAt;
    private String channel;
    private String summary;
    private String contactId;
    private String source;
    private String recordedBy;
    private String createdAt;

    public String getCustomerId() { return customerId; }
    public void setCustomerId(String v) { customerId = v; }
    public String getEntryKey() { return entryKey; }
    public void setEntryKey(String v) { entryKey = v; }
    public String getEntryId() { return entryId; }
    public void setEntryId(String v) { entryId = v; }
    public String getOccurredAt() { return occurredAt; }
    public void setOccurredAt(String v) { occurredAt = v; }
    public String getChannel() { return channel; }
    public void setChannel(String v) { channel = v; }
    public String getSummary() { return summary; }
    public void setSummary(String v) { summary = v; }
    public String getContactId() { return contactId; }
    public void setContactId(String v) { contactId = v; }
    public String getSource() { return source; }
    public void setSource(String v) { source = v; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String v) { recordedBy = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
}
