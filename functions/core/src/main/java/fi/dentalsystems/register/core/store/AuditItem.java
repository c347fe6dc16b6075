package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/** Storage shape of an Audit item: one per (access, target). Ids only, no personal data. */
@SuppressFBWarnings(value = "EI_EXPOSE_REP",
        justification = "DynamoDB enhanced-client bean, the storage shape: the mapper sets and reads its "
                + "collections; writers pass fresh ones and the domain records copy them (Set/List/Map.copyOf)")
public final class AuditItem extends PurgeableItem {
    public static final String DAY = "day";
    public static final String TS_ID = "tsId";
    public static final String BY_TARGET = "byTarget";

    public static final StaticTableSchema<AuditItem> SCHEMA = StaticTableSchema.builder(AuditItem.class)
            .newItemSupplier(AuditItem::new)
            .addAttribute(String.class, a -> a.name(DAY).getter(AuditItem::getDay)
                    .setter(AuditItem::setDay).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TS_ID).getter(AuditItem::getTsId)
                    .setter(AuditItem::setTsId).tags(primarySortKey(), secondarySortKey(BY_TARGET)))
            .addAttribute(String.class, a -> a.name("targetId").getter(AuditItem::getTargetId)
                    .setter(AuditItem::setTargetId).tags(secondaryPartitionKey(BY_TARGET)))
            .addAttribute(String.class, a -> a.name("targetType").getter(AuditItem::getTargetType)
                    .setter(AuditItem::setTargetType))
            .addAttribute(String.class, a -> a.name("action").getter(AuditItem::getAction)
                    .setter(AuditItem::setAction))
            .addAttribute(String.class, a -> a.name("actorId").getter(AuditItem::getActorId)
                    .setter(AuditItem::setActorId))
            .addAttribute(String.class, a -> a.name("actorGroup").getter(AuditItem::getActorGroup)
                    .setter(AuditItem::setActorGroup))
            .addAttribute(String.class, a -> a.name("processorId").getter(AuditItem::getProcessorId)
                    .setter(AuditItem::setProcessorId))
            .addAttribute(String.class, a -> a.name("purpose").getter(AuditItem::getPurpose)
                    .setter(AuditItem::setPurpose))
            .addAttribute(String.class, a -> a.name("route").getter(AuditItem::getRoute)
                    .setter(AuditItem::setRoute))
            .addAttribute(String.class, a -> a.name("requestId").getter(AuditItem::getRequestId)
                    .setter(AuditItem::setRequestId))
            .addAttribute(String.class, a -> a.name("occurredAt").getter(AuditItem::getOccurredAt)
                    .setter(AuditItem::setOccurredAt))
            .addAttribute(software.amazon.awssdk.enhanced.dynamodb.EnhancedType.mapOf(String.class, Long.class),
                    a -> a.name("details").getter(AuditItem::getDetails).setter(AuditItem::setDetails))
            .addAttribute(String.class, a -> a.name("entryId").getter(AuditItem::getEntryId)
                    .setter(AuditItem::setEntryId))
            .addAttribute(String.class, a -> a.name("chainId").getter(AuditItem::getChainId)
                    .setter(AuditItem::setChainId))
            .addAttribute(Long.class, a -> a.name("seq").getter(AuditItem::getSeq).setter(AuditItem::setSeq))
            .addAttribute(String.class, a -> a.name("prevEntryId").getter(AuditItem::getPrevEntryId)
                    .setter(AuditItem::setPrevEntryId))
            .addAttribute(String.class, a -> a.name("prevHash").getter(AuditItem::getPrevHash)
                    .setter(AuditItem::setPrevHash))
            .addAttribute(String.class, a -> a.name("hash").getter(AuditItem::getHash).setter(AuditItem::setHash))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(AuditItem::getPurgeAt).setter(AuditItem::setPurgeAt)
                    .tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(AuditItem::getPurgeBucket)
                    .setter(AuditItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String day;
    private String tsId;
    private String targetId;
    private String targetType;
    private String action;
    private String actorId;
    private String actorGroup;
    private String processorId;
    private String purpose;
    private String route;
    private String requestId;
    private String occurredAt;

    public String getDay() { return day; }
    public void setDay(String v) { day = v; }
    public String getTsId() { return tsId; }
    public void setTsId(String v) { tsId = v; }
    public String getTargetId() { return targetId; }
    public void setTargetId(String v) { targetId = v; }
    public String getTargetType() { return targetType; }
    public void setTargetType(String v) { targetType = v; }
    public String getAction() { return action; }
    public void setAction(String v) { action = v; }
    public String getActorId() { return actorId; }
    public void setActorId(String v) { actorId = v; }
    public String getActorGroup() { return actorGroup; }
    public void setActorGroup(String v) { actorGroup = v; }
    /** The processor a processor's user acted for (absent for the controller's own staff). */
    public String getProcessorId() { return processorId; }
    public void setProcessorId(String v) { processorId = v; }
    public String getPurpose() { return purpose; }
    public void setPurpose(String v) { purpose = v; }
    public String getRoute() { return route; }
    public void setRoute(String v) { route = v; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String v) { requestId = v; }
    public String getOccurredAt() { return occurredAt; }
    public void setOccurredAt(String v) { occurredAt = v; }

    private java.util.Map<String, Long> details;

    /** Counts a report entry carries (the purge's), never personal data. */
    public java.util.Map<String, Long> getDetails() { return details; }
    public void setDetails(java.util.Map<String, Long> v) { details = v; }

    // the entry's place in its writer's chain (decision 0012): ids and hashes only
    private String entryId;
    private String chainId;
    private Long seq;
    private String prevEntryId;
    private String prevHash;
    private String hash;

    public String getEntryId() { return entryId; }
    public void setEntryId(String v) { entryId = v; }
    /** The writer's chain (one per function instance). */
    public String getChainId() { return chainId; }
    public void setChainId(String v) { chainId = v; }
    public Long getSeq() { return seq; }
    public void setSeq(Long v) { seq = v; }
    public String getPrevEntryId() { return prevEntryId; }
    public void setPrevEntryId(String v) { prevEntryId = v; }
    public String getPrevHash() { return prevHash; }
    public void setPrevHash(String v) { prevHash = v; }
    /** SHA-256 over the entry's canonical content and {@link #getPrevHash()}. */
    public String getHash() { return hash; }
    public void setHash(String v) { hash = v; }
}
