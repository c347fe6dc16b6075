package fi.dentalsystems.register.local.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The bench's record run only: a global SDK interceptor (named in a classpath resource that only the
 * record run's classpath has, so measured runs load nothing of it) that writes one line per AWS call
 * — service, operation, table or bucket, index, item count — to the file in {@code bench.record}.
 * The floor of a function replays these shapes ({@link FloorCalls}), so it makes the same calls.
 */
public final class CallRecorder implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String service = switch (attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT)) {
            case "dynamodb" -> "DynamoDb";
            case "s3" -> "S3";
            case "sesv2" -> "SesV2";
            case "ssm" -> "Ssm";
            default -> attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        };
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String target = request.getValueForField("TableName", String.class)
                .or(() -> request.getValueForField("Bucket", String.class))
                .or(() -> request.getValueForField("Name", String.class))
                .orElse("-");
        String index = request.getValueForField("IndexName", String.class).orElse("-");
        int count = 1;
        Map<?, ?> batch = request.getValueForField("RequestItems", Map.class).orElse(null);
        if (batch != null && !batch.isEmpty()) {
            Map.Entry<?, ?> first = batch.entrySet().iterator().next();
            target = String.valueOf(first.getKey());
            count = first.getValue() instanceof List<?> l ? l.size() : 1;
        }
        List<?> transact = request.getValueForField("TransactItems", List.class).orElse(null);
        if (transact != null) {
            count = transact.size();
            target = transactTable(transact.get(0));
        }
        String line = service + " " + operation + " " + target + " " + index + " " + count + "\n";
        try {
            Files.writeString(Path.of(System.getProperty("bench.record")), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String transactTable(Object item) {
        if (item instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItem w) {
            if (w.put() != null) {
                return w.put().tableName();
            }
            if (w.update() != null) {
                return w.update().tableName();
            }
            if (w.delete() != null) {
                return w.delete().tableName();
            }
            if (w.conditionCheck() != null) {
                return w.conditionCheck().tableName();
            }
        }
        return "-";
    }
}
