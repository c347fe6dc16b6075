package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

/**
 * Storage shape of a Customers item. Two record types share the table: the customer
 * itself and the business-id claim that makes a Y-tunnus unique without transactions.
 * The schema is static (no reflection at cold start).
 */
public final class CustomerItem extends PurgeableItem {
    public static final String CUSTOMER = "CUSTOMER";
    public static final String BUSINESS_ID_CLAIM = "BUSINESS_ID_CLAIM";
    public static final String BY_BUSINESS_ID = "byBusinessId";
    public static final String CUSTOMER_ID = "customerId";
    /** On a business-id claim: the customer that holds the claim. */
    public static final String CLAIMED_BY = "claimedBy";
    public static final String BUSINESS_ID = "businessId";
    public static final String EMAIL_KEY = "emailKey";
    public static final String ENDED_AT = "endedAt";

    public static final StaticTableSchema<CustomerItem> SCHEMA = StaticTableSchema.builder(CustomerItem.class)
            .newItemSupplier(CustomerItem::new)
            .addAttribute(String.class, a -> a.name(CUSTOMER_ID).getter(CustomerItem::getCustomerId)
                    .setter(CustomerItem::setCustomerId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("recordType").getter(CustomerItem::getRecordType)
                    .setter(CustomerItem::setRecordType))
            .addAttribute(String.class, a -> a.name(CLAIMED_BY).getter(CustomerItem::getClaimedBy)
                    .setter(CustomerItem::setClaimedBy))
            .addAttribute(String.class, a -> a.name("name").getter(CustomerItem::getName)
                    .setter(CustomerItem::setName))
            .addAttribute(String.class, a -> a.name("nameKey").getter(CustomerItem::getNameKey)
                    .setter(CustomerItem::setNameKey))
            .addAttribute(String.class, a -> a.name(BUSINESS_ID).getter(CustomerItem::getBusinessId)
                    .setter(CustomerItem::setBusinessId).tags(secondaryPartitionKey(BY_BUSINESS_ID)))
            .addAttribute(String.class, a -> a.name("email").getter(CustomerItem::getEmail)
                    .setter(CustomerItem::setEmail))
            // the normalised address, so the erasure's and export's scan filters in the table and reads only the
            // organisations whose address is the person's (issue 14: no unaudited read of anyone else)
            .addAttribute(String.class, a -> a.name(EMAIL_KEY).getter(CustomerItem::getEmailKey)
                    .setter(CustomerItem::setEmailKey))
            .addAttribute(String.class, a -> a.name("phone").getter(CustomerItem::getPhone)
                    .setter(CustomerItem::setPhone))
            .addAttribute(String.class, a -> a.name("street").getter(CustomerItem::getStreet)
                    .setter(CustomerItem::setStreet))
            .addAttribute(String.class, a -> a.name("postalCode").getter(CustomerItem::getPostalCode)
                    .setter(CustomerItem::setPostalCode))
            .addAttribute(String.class, a -> a.name("city").getter(CustomerItem::getCity)
                    .setter(CustomerItem::setCity))
            .addAttribute(String.class, a -> a.name("country").getter(CustomerItem::getCountry)
                    .setter(CustomerItem::setCountry))
            .addAttribute(String.class, a -> a.name("eInvoiceAddress").getter(CustomerItem::getEInvoiceAddress)
                    .setter(CustomerItem::setEInvoiceAddress))
            .addAttribute(String.class, a -> a.name("status").getter(CustomerItem::getStatus)
                    .setter(CustomerItem::setStatus))
            .addAttribute(String.class, a -> a.name("endedAt").getter(CustomerItem::getEndedAt)
                    .setter(CustomerItem::setEndedAt))
            .addAttribute(Boolean.class, a -> a.name("marketingOptOut").getter(CustomerItem::getMarketingOptOut)
                    .setter(CustomerItem::setMarketingOptOut))
            .addAttribute(String.class, a -> a.name("createdAt").getter(CustomerItem::getCreatedAt)
                    .setter(CustomerItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(CustomerItem::getUpdatedAt)
                    .setter(CustomerItem::setUpdatedAt))
            .addAttribute(String.class, a -> a.name("restrictedAt").getter(CustomerItem::getRestrictedAt)
                    .setter(CustomerItem::setRestrictedAt))
            .addAttribute(String.class, a -> a.name("restrictionReason").getter(CustomerItem::getRestrictionReason)
                    .setter(CustomerItem::setRestrictionReason))
            .addAttribute(Long.class, a -> a.name("version").getter(CustomerItem::getVersion)
                    .setter(CustomerItem::setVersion).tags(versionAttribute()))
            .addAttribute(Long.class, a -> a.name(PURGE_AT).getter(CustomerItem::getPurgeAt).setter(CustomerItem::setPurgeAt)
                    .tags(secondarySortKey(BY_PURGE)))
            .addAttribute(String.class, a -> a.name(PURGE_BUCKET).getter(CustomerItem::getPurgeBucket)
                    .setter(CustomerItem::setPurgeBucket).tags(secondaryPartitionKey(BY_PURGE)))
            .build();

    private String customerId;
    private String recordType;
    private String claimedBy;
    private String name;
    private String nameKey;
    private String businessId;
    private String email;
    private String emailKey;
    private String phone;
    private String street;
    private String postalCode;
    private String city;
    private String country;
    private String eInvoiceAddress;
    private String status;
    private String endedAt;
    private Boolean marketingOptOut;
    private String createdAt;
    private String updatedAt;
    private String restrictedAt;
    private String restrictionReason;
    private Long version;

    public String getCustomerId() { return customerId; }
    public void setCustomerId(String v) { customerId = v; }
    public String getRecordType() { return recordType; }
    public void setRecordType(String v) { recordType = v; }
    public String getClaimedBy() { return claimedBy; }
    public void setClaimedBy(String v) { claimedBy = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getNameKey() { return nameKey; }
    public void setNameKey(String v) { nameKey = v; }
    public String getBusinessId() { return businessId; }
    public void setBusinessId(String v) { businessId = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getEmailKey() { return emailKey; }
    public void setEmailKey(String v) { emailKey = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
    public String getStreet() { return street; }
    public void setStreet(String v) { street = v; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String v) { postalCode = v; }
    public String getCity() { return city; }
    public void setCity(String v) { city = v; }
    public String getCountry() { return country; }
    public void setCountry(String v) { country = v; }
    public String getEInvoiceAddress() { return eInvoiceAddress; }
    public void setEInvoiceAddress(String v) { eInvoiceAddress = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getEndedAt() { return endedAt; }
    public void setEndedAt(String v) { endedAt = v; }
    public Boolean getMarketingOptOut() { return marketingOptOut; }
    public void setMarketingOptOut(Boolean v) { marketingOptOut = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String v) { updatedAt = v; }
    public String getRestrictedAt() { return restrictedAt; }
    public void setRestrictedAt(String v) { restrictedAt = v; }
    public String getRestrictionReason() { return restrictionReason; }
    public void setRestrictionReason(String v) { restrictionReason = v; }
    public Long getVersion() { return version; }
    public void setVersion(Long v) { version = v; }
}
