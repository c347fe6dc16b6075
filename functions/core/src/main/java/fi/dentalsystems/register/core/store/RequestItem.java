package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.util.List;
import java.util.Map;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/** Storage shape of a Requests item; {@code byStatusDue} finds open requests by deadline without a scan. */
@SuppressFBWarnings(value = "EI_EXPOSE_REP",
        justification = "DynamoDB enhanced-client bean, the storage shape: the mapper sets and reads its "
                + "collections; writers pass fresh ones and the domain records copy them (Set/List/Map.copyOf)")
public final class RequestItem extends PurgeableItem {
    public static final String REQUEST_ID = "requestId";
    public static final String BY_STATUS_DUE = "byStatusDue";
    public static final String BY_EMAIL = "byEmail";
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String REMINDED_AT = "remindedAt";
    public static final String SPENT_TOKEN_HASH = "spentTokenHash";
    /** Present once the closed request was reduced to evidence: the purge's second clock on it is the last. */
    public static final String MINIMISED_AT = "minimisedAt";
    public static final String ADDRESS_HASH = "addressHash";
    public static final String OUTCOME = "outcome";
    /** What staff hold back from an ACCESS request's copy (art. 15(4); decision 0018). */
    public static final String REDACTIONS = "redactions";

    public static final StaticTableSchema<RequestItem> SCHEMA = StaticTableSchema.builder(RequestItem.class)
            .newItemSupplier(RequestItem::new)
            .addAttribute(String.class, a -> a.name(REQUEST_ID).getter(RequestItem::getRequestId)
                    .setter(RequestItem::setRequestId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("type").getter(RequestItem::getType).setter(RequestItem::setType))
            .addAttribute(String.class, a -> a.name("status").getter(RequestItem::getStatus)
                    .setter(RequestItem::setStatus).tags(secondaryPartitionKey(BY_STATUS_DUE)))
            .addAttribute(String.class, a -> a.name("channel").getter(RequestItem::getChannel)
                    .setter(RequestItem::setChannel))
            .addAttribute(String.class, a -> a.name("receivedAt").getter(RequestItem::getReceivedAt)
                    .setter(RequestItem::setReceivedAt))
            .addAttribute(String.class, a -> a.name("originalDueAt").getter(RequestItem::getOriginalDueAt)
                    .setter(RequestItem::setOriginalDueAt))
            .addAttribute(String.class, a -> a.name("dueAt").getter(RequestItem::getDueAt)
                    .setter(RequestItem::setDueAt).tags(secondarySortKey(BY_STATUS_DUE)))
            .addAttribute(Integer.class, a -> a.name("extensionMonths").getter(RequestItem::getExtensionMonths)
                    .setter(RequestItem::setExtensionMonths))
            .addAttribute(String.class, a -> a.name("extensionReason").getter(RequestItem::getExtensionReason)
                    .setter(RequestItem::setExtensionReason))
            .addAttribute(String.class, a -> a.name("extendedAt").getter(RequestItem::getExtendedAt)
                    .setter(RequestItem::setExtendedAt))
            .addAttribute(String.class, a -> a.name("email").getter(RequestItem::getEmail).setter(RequestItem::setEmail))
            .addAttribute(String.class, a -> a.name("emailKey").getter(RequestItem::getEmailKey)
                    .setter(RequestItem::setEmailKey).tags(secondaryPartitionKey(BY_EMAIL)))
            .addAttribute(String.class, a -> a.name("name").getter(RequestItem::getName).setter(RequestItem::setName))
            .addAttribute(String.class, a -> a.name("details").getter(RequestItem::getDetails)
                    .setter(RequestItem::setDetails))
            .addAttribute(String.class, a -> a.name("language").getter(RequestItem::getLanguage)
                    .setter(RequestItem::setLanguage))
            .addAttribute(String.class, a -> a.name("tokenHash").getter(RequestItem::getTokenHash)
                    .setter(RequestItem::setTokenHash))
            .addAttribute(String.class, a -> a.name("tokenExpiresAt").getter(RequestItem::getTokenExpiresAt)
                    .setter(RequestItem::setTokenExpiresAt))
            .addAttribute(String.class, a -> a.name("verifiedAt").getter(RequestItem::getVerifiedAt)
                    .setter(RequestItem::setVerifiedAt))
            .addAttribute(EnhancedType.listOf(EnhancedType.mapOf(String.class, String.class)),
                    a -> a.name("events").getter(RequestItem::getEvents).setter(RequestItem::setEvents))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("intake").getter(RequestItem::getIntake).setter(RequestItem::setIntake))
            .addAttribute(String.class, a -> a.name(DUPLICATE_OF).getter(RequestItem::getDuplicateOf)
                    .setter(RequestItem::setDuplicateOf))
            .addAttribute(String.class, a -> a.name(REMINDED_AT).getter(RequestItem::getRemindedAt)
                    .setter(RequestItem::setRemindedAt))
            .addAttribute(String.class, a -> a.name(SPENT_TOKEN_HASH).getter(RequestItem::getSpentTokenHash)
                    .setter(RequestItem::setSpentTokenHash))
            .addAttribute(String.class, a -> a.name(MINIMISED_AT).getter(RequestItem::getMinimisedAt)
                    .setter(RequestItem::setMinimisedAt))
            .addAttribute(String.class, a -> a.name(ADDRESS_HASH).getter(RequestItem::getAddressHash)
                    .setter(RequestItem::setAddressHash))
            .addAttribute(String.class, a -> a.name(OUTCOME).getter(RequestItem::getOutcome)
                    .setter(RequestItem::setOutcome))
            .addAttribute(EnhancedType.listOf(EnhancedType.mapOf(String.class, String.class)),
                    a -> a.name(REDACTIONS).getter(RequestItem::getRedactions).setter(RequestItem::setRedactions))
            .addAttribute(Long.class, a -> a.name("version").getter(RequestItem::getVersion)
                    .setter(RequestItem::setVersion).tags(versionAttribute()))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(RequestItem::getPurgeAt).setter(RequestItem::setPurgeAt)
                    .tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(RequestItem::getPurgeBucket)
                    .setter(RequestItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String requestId;
    private String type;
    private String status;
    private String channel;
    private String receivedAt;
    private String originalDueAt;
    private String dueAt;
    private Integer extensionMonths;
    private String extensionReason;
    private String extendedAt;
    private String email;
    private String emailKey;
    private String name;
    private String details;
    private String language;
    private String tokenHash;
    private String tokenExpiresAt;
    private String verifiedAt;
    private List<Map<String, String>> events;
    private Map<String, String> intake;
    private String duplicateOf;
    private String remindedAt;
    private String spentTokenHash;
    private String minimisedAt;
    private String addressHash;
    private String outcome;
    private List<Map<String, String>> redactions;
    private Long version;

    public String getRequestId() { return requestId; }
    public void setRequestId(String v) { requestId = v; }
    public String getType() { return type; }
    public void setType(String v) { type = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getChannel() { return channel; }
    public void setChannel(String v) { channel = v; }
    public String getReceivedAt() { return receivedAt; }
    public void setReceivedAt(String v) { receivedAt = v; }
    public String getOriginalDueAt() { return originalDueAt; }
    public void setOriginalDueAt(String v) { originalDueAt = v; }
    public String getDueAt() { return dueAt; }
    public void setDueAt(String v) { dueAt = v; }
    public Integer getExtensionMonths() { return extensionMonths; }
    public void setExtensionMonths(Integer v) { extensionMonths = v; }
    public String getExtensionReason() { return extensionReason; }
    public void setExtensionReason(String v) { extensionReason = v; }
    public String getExtendedAt() { return extendedAt; }
    public void setExtendedAt(String v) { extendedAt = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getEmailKey() { return emailKey; }
    public void setEmailKey(String v) { emailKey = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getDetails() { return details; }
    public void setDetails(String v) { details = v; }
    public String getLanguage() { return language; }
    public void setLanguage(String v) { language = v; }
    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String v) { tokenHash = v; }
    public String getTokenExpiresAt() { return tokenExpiresAt; }
    public void setTokenExpiresAt(String v) { tokenExpiresAt = v; }
    public String getVerifiedAt() { return verifiedAt; }
    public void setVerifiedAt(String v) { verifiedAt = v; }
    public List<Map<String, String>> getEvents() { return events; }
    public void setEvents(List<Map<String, String>> v) { events = v; }
    public Map<String, String> getIntake() { return intake; }
    public void setIntake(Map<String, String> v) { intake = v; }
    public String getDuplicateOf() { return duplicateOf; }
    public void setDuplicateOf(String v) { duplicateOf = v; }
    public String getRemindedAt() { return remindedAt; }
    public void setRemindedAt(String v) { remindedAt = v; }
    public String getSpentTokenHash() { return spentTokenHash; }
    public void setSpentTokenHash(String v) { spentTokenHash = v; }
    public String getMinimisedAt() { return minimisedAt; }
    public void setMinimisedAt(String v) { minimisedAt = v; }
    public String getAddressHash() { return addressHash; }
    public void setAddressHash(String v) { addressHash = v; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String v) { outcome = v; }
    public List<Map<String, String>> getRedactions() { return redactions; }
    public void setRedactions(List<Map<String, String>> v) { redactions = v; }
    public Long getVersion() { return version; }
    public void setVersion(Long v) { version = v; }
}
