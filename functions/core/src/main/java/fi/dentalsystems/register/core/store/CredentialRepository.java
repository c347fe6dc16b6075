package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

import java.util.ArrayList;
import java.util.List;

/** Credentials table: authentication metadata of a contact (seed §5), removed with the contact. */
public final class CredentialRepository {
    private final DynamoDbTable<CredentialItem> table;

    public CredentialRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, CredentialItem.SCHEMA);
    }

    public void put(CredentialItem item) {
        table.putItem(item);
    }

    public List<CredentialItem> ofContact(String contactId) {
        List<CredentialItem> result = new ArrayList<>();
        table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(contactId).build()))
                .forEach(page -> result.addAll(page.items()));
        return result;
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
