package fi.dentalsystems.register.local.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The DynamoDB calls a handler makes, recorded as the SDK is about to send them (an execution
 * interceptor on the handler's client, so retries are not counted twice), and their replay, the
 * same requests in the same order, through a bare client: the warm bench's floor (issue 17).
 */
final class DynamoDbCalls implements ExecutionInterceptor {
    private final List<SdkRequest> recorded = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        recorded.add(context.request());
    }

    /** What was recorded since the last drain, in order. */
    synchronized List<SdkRequest> drain() {
        List<SdkRequest> calls = List.copyOf(recorded);
        recorded.clear();
        return calls;
    }

    /**
     * Sends the calls again, one after the other. A conditional write the handler saw refused is
     * refused again (the mirror holds the same items): the refusal is the call's answer, not a fault.
     */
    static void replay(DynamoDbClient client, List<SdkRequest> calls) {
        for (SdkRequest call : calls) {
            try {
                send(client, call);
            } catch (ConditionalCheckFailedException | TransactionCanceledException refused) {
                // as the handler's call was answered
            }
        }
    }

    private static void send(DynamoDbClient client, SdkRequest call) {
        if (call instanceof GetItemRequest r) {
            client.getItem(r);
        } else if (call instanceof PutItemRequest r) {
            client.putItem(r);
        } else if (call instanceof UpdateItemRequest r) {
            client.updateItem(r);
        } else if (call instanceof DeleteItemRequest r) {
            client.deleteItem(r);
        } else if (call instanceof QueryRequest r) {
            client.query(r);
        } else if (call instanceof ScanRequest r) {
            client.scan(r);
        } else if (call instanceof BatchGetItemRequest r) {
            client.batchGetItem(r);
        } else if (call instanceof BatchWriteItemRequest r) {
            client.batchWriteItem(r);
        } else if (call instanceof TransactWriteItemsRequest r) {
            client.transactWriteItems(r);
        } else if (call instanceof TransactGetItemsRequest r) {
            client.transactGetItems(r);
        } else if (call instanceof DescribeTableRequest r) {
            client.describeTable(r);
        } else {
            throw new IllegalStateException("no replay for " + call.getClass().getSimpleName());
        }
    }
}
