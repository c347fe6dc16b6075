package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

import fi.dentalsystems.register.core.retention.DataCategory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Credentials table: authentication metadata of a contact (seed §5), removed with the contact. */
public final class CredentialRepository {
    private final DynamoDbTable<CredentialItem> table;

    public CredentialRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, CredentialItem.SCHEMA);
    }

    /**
     * Stores the metadata; its retention clock runs from the last sign-in, or from
     * {@code writtenAt} when the account has not been used yet (DESIGN.md: 12 months unused).
     */
    public void put(CredentialItem item, Instant writtenAt) {
        Optional<Instant> lastUsed = Optional.ofNullable(item.getLastSignInAt()).map(Instant::parse);
        Retention.apply(DataCategory.CREDENTIAL, Optional.of(lastUsed.orElse(writtenAt)), writtenAt, (at, bucket) -> {
            item.setPurgeAt(at);
            item.setPurgeBucket(bucket);
        });
        table.putItem(item);
    }

    /** A sign-in moves the clock: the metadata is kept for 12 months from the last use. */
    public void recordSignIn(String contactId, String service, Instant at) {
        CredentialItem item = table.getItem(Key.builder().partitionValue(contactId).sortValue(service).build());
        if (item == null) {
            return;
        }
        item.setLastSignInAt(at.toString());
        put(item, at);
    }

    public List<CredentialItem> ofContact(String contactId) {
        List<CredentialItem> result = new ArrayList<>();
        table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(contactId).build()))
                .forEach(page -> result.addAll(page.items()));
        return result;
    }

    /** Deletes one service's metadata of the contact (staff, or the service when the account is closed); true when it was there. */
    public boolean delete(String contactId, String service) {
        return table.deleteItem(Key.builder().partitionValue(contactId).sortValue(service).build()) != null;
    }

    /** Deletes every credential item of the contact; returns the services removed. Re-runnable. */
    public List<String> deleteAllOf(String contactId) {
        List<String> services = new ArrayList<>();
        for (CredentialItem item : ofContact(contactId)) {
            table.deleteItem(Key.builder().partitionValue(contactId).sortValue(item.getService()).build());
            services.add(item.getService());
        }
        return services;
    }
}
