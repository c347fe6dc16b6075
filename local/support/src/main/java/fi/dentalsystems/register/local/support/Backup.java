package fi.dentalsystems.register.local.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backup of some tables as the restore rehearsal needs it (decision 0017): every item, read by a
 * scan through the real engine; {@link #restore} puts the tables back as they were, deleting what
 * was written since and writing every item of the copy (what a point-in-time restore gives).
 */
public final class Backup {
    private final DynamoDbClient client;
    private final Map<String, List<Map<String, AttributeValue>>> items;

    private Backup(DynamoDbClient client, Map<String, List<Map<String, AttributeValue>>> items) {
        this.client = client;
        this.items = items;
    }

    /** Copies the tables (their names in the engine). */
    public static Backup of(DynamoDbClient client, List<String> tableNames) {
        Map<String, List<Map<String, AttributeValue>>> items = new LinkedHashMap<>();
        for (String table : tableNames) {
            items.put(table, scan(client, table));
        }
        return new Backup(client, items);
    }

    /** Every item of the table now. */
    public static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        client.scanPaginator(r -> r.tableName(table)).forEach(page -> all.addAll(page.items()));
        return all;
    }

    /** Overwrites each table with the copy: items written since are deleted, the copy's items put back. */
    public void restore() {
        items.forEach((table, copy) -> {
            List<String> keys = client.describeTable(r -> r.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            for (Map<String, AttributeValue> now : scan(client, table)) {
                Map<String, AttributeValue> key = new LinkedHashMap<>();
                keys.forEach(k -> key.put(k, now.get(k)));
                client.deleteItem(r -> r.tableName(table).key(key));
            }
            copy.forEach(item -> client.putItem(r -> r.tableName(table).item(item)));
        });
    }

    /** The copied items of a table. */
    public List<Map<String, AttributeValue>> itemsOf(String table) {
        return List.copyOf(items.getOrDefault(table, List.of()));
    }
}
