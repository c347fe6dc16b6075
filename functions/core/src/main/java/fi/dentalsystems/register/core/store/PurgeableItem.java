package fi.dentalsystems.register.core.store;

/**
 * The two attributes every purgeable item carries (DESIGN.md): {@code purgeAt} (epoch
 * seconds) and {@code purgeBucket} (its day), the keys of the sparse {@code byPurge} index.
 * Both stay empty until the item's retention clock starts.
 */
public abstract class PurgeableItem {
    public static final String PURGE_AT = "purgeAt";
    public static final String PURGE_BUCKET = "purgeBucket";
    /** The sparse index over them: partition key {@code purgeBucket}, sort key {@code purgeAt}. */
    public static final String BY_PURGE = "byPurge";

    private Long purgeAt;
    private String purgeBucket;

    public Long getPurgeAt() { return purgeAt; }
    public void setPurgeAt(Long v) { purgeAt = v; }
    public String getPurgeBucket() { return purgeBucket; }
    public void setPurgeBucket(String v) { purgeBucket = v; }
}
