package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Suppression table: the "never market to" list, by peppered address hash. */
public final class SuppressionRepository {
    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<SuppressionItem> table;

    public SuppressionRepository(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SuppressionItem.SCHEMA);
    }

    /** Adds the hash; a second add keeps the first (re-runnable). */
    public void suppress(String emailHash, String requestId, Instant since) {
        SuppressionItem item = new SuppressionItem();
        item.setEmailHash(emailHash);
        item.setRequestId(requestId);
        item.setSince(since.toString());
        try {
            table.putItem(PutItemEnhancedRequest.builder(SuppressionItem.class).item(item)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(emailHash)").build())
                    .build());
        } catch (ConditionalCheckFailedException already) {
            // suppressed before: nothing to do
        }
    }

    public boolean isSuppressed(String emailHash) {
        return table.getItem(Key.builder().partitionValue(emailHash).build()) != null;
    }

    /** Which of these hashes are suppressed, read in batches of 100. */
    public Set<String> suppressedAmong(Collection<String> hashes) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(new HashSet<>(hashes));
        for (int from = 0; from < all.size(); from += 100) {
            ReadBatch.Builder<SuppressionItem> batch = ReadBatch.builder(SuppressionItem.class).mappedTableResource(table);
            all.subList(from, Math.min(all.size(), from + 100))
                    .forEach(h -> batch.addGetItem(Key.builder().partitionValue(h).build()));
            client.batchGetItem(BatchGetItemEnhancedRequest.builder().readBatches(batch.build()).build())
                    .resultsForTable(table).forEach(i -> found.add(i.getEmailHash()));
        }
        return found;
    }
}
