package fi.dentalsystems.register.local.bench;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's floor, in its fresh JVM: a bare main that builds the SDK clients the function builds
 * (as the function builds them: url-connection HTTP client, environment credentials, the region) and
 * makes the calls the function made in its record run ({@link CallRecorder}) — same service,
 * operation, table, index and item count — with synthetic keys and small items, and nothing else:
 * no Enhanced Client, no Jackson, no Powertools, no project code. SDK classes only.
 *
 * <p>Spec lines (written by {@link ColdStartBench}): {@code client S3}, {@code key <table> <name> <S|N>
 * [<name> <S|N>]}, {@code index <table> <index> <name> <S|N>}, then the calls as recorded.
 */
final class FloorCalls {
    private final Map<String, String[]> keys = new HashMap<>();
    private final Map<String, String[]> indexKeys = new HashMap<>();
    private final List<String[]> calls = new ArrayList<>();
    private final List<String> clients = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private SesV2Client ses;
    private SsmClient ssm;
    private int sequence;

    FloorCalls(List<String> spec) {
        for (String line : spec) {
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "" -> { }
                case "client" -> clients.add(f[1]);
                case "key" -> keys.put(f[1], f);
                case "index" -> indexKeys.put(f[1] + "/" + f[2], f);
                default -> calls.add(f);
            }
        }
    }

    /** Init: the clients, as the function builds them. */
    void buildClients() {
        Region region = Region.of(System.getenv("AWS_REGION"));
        for (String client : clients) {
            switch (client) {
                case "DynamoDb" -> dynamoDb = DynamoDbClient.builder().region(region)
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
                        .build();
                case "S3" -> s3 = S3Client.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
                case "SesV2" -> ses = SesV2Client.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
                case "Ssm" -> ssm = SsmClient.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
                default -> throw new IllegalArgumentException("unknown client " + client);
            }
        }
    }

    /** The first event: the recorded calls, in order. */
    void run() {
        for (String[] c : calls) {
            String service = c[0];
            String operation = c[1];
            String target = c[2];
            String index = c[3];
            int count = Integer.parseInt(c[4]);
            switch (service + " " + operation) {
                case "DynamoDb GetItem" -> dynamoDb.getItem(r -> r.tableName(target).key(key(target)).consistentRead(true));
                case "DynamoDb PutItem" -> put(target);
                case "DynamoDb UpdateItem" -> dynamoDb.updateItem(r -> r.tableName(target).key(key(target))
                        .updateExpression("SET #b = :b").expressionAttributeNames(Map.of("#b", "bench"))
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS("floor"))));
                case "DynamoDb DeleteItem" -> dynamoDb.deleteItem(r -> r.tableName(target).key(key(target)));
                case "DynamoDb Query" -> query(target, index);
                case "DynamoDb Scan" -> dynamoDb.scan(r -> {
                    r.tableName(target).limit(100);
                    if (!index.equals("-")) {
                        r.indexName(index);
                    }
                });
                case "DynamoDb DescribeTable" -> dynamoDb.describeTable(r -> r.tableName(target));
                case "DynamoDb BatchWriteItem" -> {
                    List<WriteRequest> writes = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(target)).build()).build());
                    }
                    dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(target, writes)));
                }
                case "DynamoDb BatchGetItem" -> {
                    List<Map<String, AttributeValue>> ks = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        ks.add(key(target));
                    }
                    dynamoDb.batchGetItem(r -> r.requestItems(Map.of(target, KeysAndAttributes.builder().keys(ks).build())));
                }
                case "DynamoDb TransactWriteItems" -> {
                    List<TransactWriteItem> items = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        Map<String, AttributeValue> item = item(target);
                        items.add(TransactWriteItem.builder().put(p -> p.tableName(target).item(item)).build());
                    }
                    dynamoDb.transactWriteItems(r -> r.transactItems(items));
                }
                case "S3 PutObject" -> s3.putObject(r -> r.bucket(target).key("bench-floor/" + next()),
                        RequestBody.fromString("floor"));
                case "S3 GetObject" -> s3.getObjectAsBytes(r -> r.bucket(target).key("bench-floor/object"));
                case "S3 HeadObject" -> s3.headObject(r -> r.bucket(target).key("bench-floor/object"));
                case "S3 GetObjectTagging" -> s3.getObjectTagging(r -> r.bucket(target).key("bench-floor/object"));
                case "S3 PutObjectTagging" -> s3.putObjectTagging(r -> r.bucket(target).key("bench-floor/object")
                        .tagging(t -> t.tagSet(x -> x.key("bench").value("floor"))));
                case "S3 CopyObject" -> s3.copyObject(r -> r.sourceBucket(target).sourceKey("bench-floor/object")
                        .destinationBucket(target).destinationKey("bench-floor/" + next()));
                case "S3 ListObjectVersions" -> s3.listObjectVersions(r -> r.bucket(target).prefix("bench-floor/"));
                case "S3 ListObjects" -> s3.listObjects(r -> r.bucket(target).prefix("bench-floor/"));
                case "S3 ListObjectsV2" -> s3.listObjectsV2(r -> r.bucket(target).prefix("bench-floor/"));
                case "S3 DeleteObject" -> s3.deleteObject(r -> r.bucket(target).key("bench-floor/gone-" + next()));
                case "SesV2 SendEmail" -> ses.sendEmail(r -> r.fromEmailAddress(System.getenv("MAIL_FROM"))
                        .destination(d -> d.toAddresses("floor@bench.example"))
                        .content(x -> x.simple(m -> m.subject(s -> s.data("floor").charset("UTF-8"))
                                .body(b -> b.text(t -> t.data("floor").charset("UTF-8"))))));
                case "Ssm GetParameter" -> ssm.getParameter(r -> r.name(target).withDecryption(true));
                default -> throw new IllegalArgumentException("the floor cannot replay " + service + " " + operation);
            }
        }
    }

    private void put(String table) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item(table)).conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", keys.get(table)[2])));
        } catch (ConditionalCheckFailedException unexpected) {
            throw new IllegalStateException("a fresh floor key existed", unexpected);
        }
    }

    private void query(String table, String index) {
        String[] k = index.equals("-") ? keys.get(table) : indexKeys.get(table + "/" + index);
        if (k == null) {
            throw new IllegalStateException("no key schema for " + table + "/" + index);
        }
        String name = index.equals("-") ? k[2] : k[3];
        String type = index.equals("-") ? k[3] : k[4];
        dynamoDb.query(r -> {
            r.tableName(table).keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", name))
                    .expressionAttributeValues(Map.of(":k", value(type, "floor"))).limit(100);
            if (!index.equals("-")) {
                r.indexName(index);
            }
        });
    }

    private Map<String, AttributeValue> key(String table) {
        String[] k = keys.get(table);
        if (k == null) {
            throw new IllegalStateException("no key schema for " + table);
        }
        Map<String, AttributeValue> key = new HashMap<>();
        String id = next();
        key.put(k[2], value(k[3], id));
        if (k.length > 5) {
            key.put(k[4], value(k[5], id));
        }
        return key;
    }

    private Map<String, AttributeValue> item(String table) {
        Map<String, AttributeValue> item = key(table);
        item.put("bench", AttributeValue.fromS("a floor item of a few hundred bytes, as the register's items are: "
                + "x".repeat(200)));
        return item;
    }

    private static AttributeValue value(String type, String id) {
        return type.equals("N") ? AttributeValue.fromN(Long.toString(Math.abs((long) id.hashCode())))
                : AttributeValue.fromS(id);
    }

    private String next() {
        return "floor-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + (sequence++);
    }
}
