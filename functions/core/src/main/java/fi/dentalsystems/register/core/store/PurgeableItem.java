package fi.dentalsystems.register.core.store;

/**
 * The two attributes every purgeable item carries (DESIGN.md): {@code purgeAt} (epoch
 * seconds) and {@code purgeBucket} (its day), the keys of the sparse {@code byPurge} index.
 * Both stay empty until the item's retention clock starts.
 */
public abstract class PurgeableItem {
    private Long purgeAt;
    private String purgeBucket;

    public Long getPurgeAt() { return purgeAt; }
    public void setPurgeAt(Long v) { purgeAt = v; }
    public String getPurgeBucket() { return purgeBucket; }
    public void setPurgeBucket(String v) { purgeBucket = v; }
}
