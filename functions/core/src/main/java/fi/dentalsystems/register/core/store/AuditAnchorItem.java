package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/**
 * A writer chain's head as it stood at one moment (decision 0012), kept in the Audit table under
 * the partition {@code anchors#<day>} (no {@code targetId}, so outside the byTarget index) and
 * purged with the entries (byPurge). The daily digest copies every anchor of a day to the
 * Object Lock bucket. Ids and hashes only.
 */
public final class AuditAnchorItem extends PurgeableItem {
    public static final String PARTITION_PREFIX = "anchors#";

    public static final StaticTableSchema<AuditAnchorItem> SCHEMA = StaticTableSchema.builder(AuditAnchorItem.class)
            .newItemSupplier(AuditAnchorItem::new)
            .addAttribute(String.class, a -> a.name(AuditItem.DAY).getter(AuditAnchorItem::getDay)
                    .setter(AuditAnchorItem::setDay).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(AuditItem.TS_ID).getter(AuditAnchorItem::getTsId)
                    .setter(AuditAnchorItem::setTsId).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("chainId").getter(AuditAnchorItem::getChainId)
                    .setter(AuditAnchorItem::setChainId))
            .addAttribute(Long.class, a -> a.name("seq").getter(AuditAnchorItem::getSeq).setter(AuditAnchorItem::setSeq))
            .addAttribute(String.class, a -> a.name("entryId").getter(AuditAnchorItem::getEntryId)
                    .setter(AuditAnchorItem::setEntryId))
            .addAttribute(String.class, a -> a.name("hash").getter(AuditAnchorItem::getHash)
                    .setter(AuditAnchorItem::setHash))
            .addAttribute(String.class, a -> a.name("writtenAt").getter(AuditAnchorItem::getWrittenAt)
                    .setter(AuditAnchorItem::setWrittenAt))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(AuditAnchorItem::getPurgeAt)
                    .setter(AuditAnchorItem::setPurgeAt).tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(AuditAnchorItem::getPurgeBucket)
                    .setter(AuditAnchorItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String day;
    private String tsId;
    private String chainId;
    private Long seq;
    private String entryId;
    private String hash;
    private String writtenAt;

    public String getDay() { return day; }
    public void setDay(String v) { day = v; }
    public String getTsId() { return tsId; }
    public void setTsId(String v) { tsId = v; }
    public String getChainId() { return chainId; }
    public void setChainId(String v) { chainId = v; }
    public Long getSeq() { return seq; }
    public void setSeq(Long v) { seq = v; }
    /** The chain's head entry when the anchor was written. */
    public String getEntryId() { return entryId; }
    public void setEntryId(String v) { entryId = v; }
    public String getHash() { return hash; }
    public void setHash(String v) { hash = v; }
    public String getWrittenAt() { return writtenAt; }
    public void setWrittenAt(String v) { writtenAt = v; }
}
