package fi.dentalsystems.register.local.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fi.dentalsystems.register.local.support.CloudFormationYaml.list;
import static fi.dentalsystems.register.local.support.CloudFormationYaml.map;

/** Creates the template's tables on a DynamoDB engine, from the template's own definitions. */
public final class TableFactory {
    private TableFactory() {
    }

    /** Creates every table as {@code prefix + logicalId}; returns logical id → created name. */
    public static Map<String, String> createAll(DynamoDbClient client, SamTemplate template, String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        template.tables().forEach((logicalId, properties) -> {
            String name = prefix + logicalId;
            try {
                client.createTable(createRequest(name, properties));
            } catch (ResourceInUseException exists) {
                // a persisted local data folder already has it
            }
            names.put(logicalId, name);
        });
        names.values().forEach(name -> awaitActive(client, name));
        return names;
    }

    public static CreateTableRequest createRequest(String name, Map<String, Object> properties) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : list(properties.get("AttributeDefinitions"))) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(String.valueOf(map(a).get("AttributeName")))
                    .attributeType(String.valueOf(map(a).get("AttributeType"))).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object i : list(properties.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = map(i);
            Map<String, Object> projection = map(index.get("Projection"));
            Projection.Builder p = Projection.builder().projectionType(String.valueOf(projection.get("ProjectionType")));
            if (projection.containsKey("NonKeyAttributes")) {
                p.nonKeyAttributes(list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList());
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(String.valueOf(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(p.build()).build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.get("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : list(schema)) {
            keys.add(KeySchemaElement.builder().attributeName(String.valueOf(map(k).get("AttributeName")))
                    .keyType(String.valueOf(map(k).get("KeyType"))).build());
        }
        return keys;
    }

    private static void awaitActive(DynamoDbClient client, String name) {
        for (int i = 0; i < 200; i++) {
            if (client.describeTable(r -> r.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("table " + name + " did not become active");
    }
}
