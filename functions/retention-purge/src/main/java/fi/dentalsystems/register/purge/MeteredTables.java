package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.PurgeableItem;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.RequestItem;
import fi.dentalsystems.register.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * The register's tables as the purge calls them: every call asks for the capacity it consumed,
 * which goes to the run's report (its cost is part of what the purge reports, DESIGN.md).
 * Reads are consistent; a write whose condition fails answers false.
 */
final class MeteredTables {
    private final DynamoDbClient dynamoDb;
    private final TableNames tables;
    private final DoubleConsumer capacity;

    MeteredTables(DynamoDbClient dynamoDb, TableNames tables, DoubleConsumer capacity) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.capacity = capacity;
    }

    /** Reads a query page by page, asking {@code goOn} before each page; false when it said stop. */
    boolean query(RegisterTable table, Consumer<QueryRequest.Builder> request, BooleanSupplier goOn,
                  Consumer<List<Map<String, AttributeValue>>> page) {
        Map<String, AttributeValue> start = null;
        do {
            if (!goOn.getAsBoolean()) {
                return false;
            }
            QueryRequest.Builder query = QueryRequest.builder().tableName(tables.nameOf(table))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            request.accept(query);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamoDb.query(query.build());
            add(response.consumedCapacity());
            page.accept(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return true;
    }

    /** Reads a (small, sparse) index whole, page by page. */
    void scan(RegisterTable table, String index, Consumer<List<Map<String, AttributeValue>>> page) {
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(tables.nameOf(table)).indexName(index)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse response = dynamoDb.scan(scan.build());
            add(response.consumedCapacity());
            page.accept(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** What the purge judges an item by: its key, its clock, its own hold, a customer's business id, a request's minimisation. */
    Map<String, AttributeValue> judged(PurgeTable table, Map<String, AttributeValue> key) {
        return get(table.table(), key, r -> r.projectionExpression("#k, #p, #h, #bi, #m").expressionAttributeNames(Map.of(
                "#k", table.partitionKey(), "#p", PurgeableItem.PURGE_AT, "#h", LegalHolds.HOLD_UNTIL,
                "#bi", CustomerItem.BUSINESS_ID, "#m", RequestItem.MINIMISED_AT)));
    }

    /** The item, or null when there is none. */
    Map<String, AttributeValue> get(RegisterTable table, Map<String, AttributeValue> key,
                                    Consumer<GetItemRequest.Builder> request) {
        GetItemResponse response = dynamoDb.getItem(r -> {
            r.tableName(tables.nameOf(table)).key(key).consistentRead(true)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            request.accept(r);
        });
        add(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    boolean delete(RegisterTable table, Map<String, AttributeValue> key, Consumer<DeleteItemRequest.Builder> request) {
        return conditionally(() -> dynamoDb.deleteItem(r -> {
            r.tableName(tables.nameOf(table)).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            request.accept(r);
        }).consumedCapacity());
    }

    boolean update(RegisterTable table, Map<String, AttributeValue> key, Consumer<UpdateItemRequest.Builder> request) {
        return conditionally(() -> dynamoDb.updateItem(r -> {
            r.tableName(tables.nameOf(table)).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            request.accept(r);
        }).consumedCapacity());
    }

    private boolean conditionally(Supplier<ConsumedCapacity> write) {
        try {
            add(write.get());
            return true;
        } catch (ConditionalCheckFailedException notMet) {
            return false;
        }
    }

    private void add(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            capacity.accept(consumed.capacityUnits());
        }
    }
}
