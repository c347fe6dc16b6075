package fi.dentalsystems.register.local.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The capacity units a handler's DynamoDB calls consume, as the engine accounts them: a client
 * whose every call asks for {@code ReturnConsumedCapacity=TOTAL} (added on the way out, so the
 * code under test is unchanged) and sums what comes back. Capacity is deterministic (brief: it may
 * be asserted, times may not); dynalite reports it as DynamoDB does for items of these sizes.
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private final AtomicLong milliUnits = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    /** A client of the engine at {@code endpoint} that this meter counts. */
    public DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().region(Region.of("eu-west-1"))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create(endpoint))
                .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                .build();
    }

    /** Units consumed since the last reset. */
    public double units() {
        return milliUnits.get() / 1000.0;
    }

    /** DynamoDB calls made since the last reset. */
    public long calls() {
        return calls.get();
    }

    public void reset() {
        milliUnits.set(0);
        calls.set(0);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof ScanRequest s) {
            return s.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        calls.incrementAndGet();
        SdkResponse r = context.response();
        if (r instanceof GetItemResponse g) {
            add(g.consumedCapacity());
        } else if (r instanceof PutItemResponse p) {
            add(p.consumedCapacity());
        } else if (r instanceof UpdateItemResponse u) {
            add(u.consumedCapacity());
        } else if (r instanceof DeleteItemResponse d) {
            add(d.consumedCapacity());
        } else if (r instanceof QueryResponse q) {
            add(q.consumedCapacity());
        } else if (r instanceof ScanResponse s) {
            add(s.consumedCapacity());
        } else if (r instanceof BatchGetItemResponse b) {
            add(b.consumedCapacity());
        } else if (r instanceof BatchWriteItemResponse b) {
            add(b.consumedCapacity());
        } else if (r instanceof TransactWriteItemsResponse t) {
            add(t.consumedCapacity());
        }
    }

    private void add(List<ConsumedCapacity> consumed) {
        consumed.forEach(this::add);
    }

    private void add(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            milliUnits.addAndGet(Math.round(consumed.capacityUnits() * 1000));
        }
    }
}
