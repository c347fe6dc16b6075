package fi.dentalsystems.register.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs in a fresh JVM, once: one case of one function, timing init and the first event, printing
 * one JSON line. Free of the project's own code except in {@code handler} and {@code primed}, so the
 * floor loads only the SDK.
 *
 * <p>{@code probe <mode> <handlerClass> <http|map|dynamodb> <eventsFile> [<floorSpec>]}: the events
 * file holds the first event's invocations (the form and its submission: two), separated by a line
 * {@code ---}; both cases read them as Lambda's runtime does (aws-lambda-java-serialization) before
 * the clock starts. Modes:
 * <ul>
 *   <li>{@code hello}: a handler that answers without any client;
 *   <li>{@code floor}: the function's floor ({@link FloorCalls}): its SDK clients, its calls;
 *   <li>{@code handler}: the function's Lambda constructor, then the events;
 *   <li>{@code primed}: as a SnapStart instance: constructor, {@code beforeCheckpoint} (the priming),
 *       then the events — the classes loaded by the events are those a restored instance still loads.
 * </ul>
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String handlerClass = args[1];
        List<Object> events = events(args[2], Path.of(args[3]));
        Context context = new ProbeContext();
        var classes = ManagementFactory.getClassLoadingMXBean();
        int classesBefore = classes.getLoadedClassCount();
        long t0 = System.nanoTime();
        long initNanos;
        long firstNanos;
        int classesAfterInit;
        int classesAfterPriming;
        int status = 200;
        switch (mode) {
            case "hello" -> {
                RequestHandler<Object, String> hello = (event, c) -> "hello " + event.hashCode();
                initNanos = System.nanoTime() - t0;
                classesAfterInit = classes.getLoadedClassCount();
                classesAfterPriming = classesAfterInit;
                long t1 = System.nanoTime();
                for (Object event : events) {
                    hello.handleRequest(event, context);
                }
                firstNanos = System.nanoTime() - t1;
            }
            case "floor" -> {
                FloorCalls floor = new FloorCalls(Files.readAllLines(Path.of(args[4])));
                floor.buildClients();
                initNanos = System.nanoTime() - t0;
                classesAfterInit = classes.getLoadedClassCount();
                classesAfterPriming = classesAfterInit;
                long t1 = System.nanoTime();
                floor.run();
                firstNanos = System.nanoTime() - t1;
            }
            case "handler", "primed" -> {
                @SuppressWarnings("unchecked")
                RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(handlerClass)
                        .getConstructor().newInstance();
                initNanos = System.nanoTime() - t0;
                classesAfterInit = classes.getLoadedClassCount();
                if (mode.equals("primed")) {
                    // what SnapStart runs before the snapshot; the restored instance starts from here
                    ((org.crac.Resource) handler).beforeCheckpoint(null);
                }
                classesAfterPriming = classes.getLoadedClassCount();
                long t1 = System.nanoTime();
                for (Object event : events) {
                    Object answer = handler.handleRequest(event, context);
                    if (answer instanceof APIGatewayV2HTTPResponse r && r.getStatusCode() >= 400) {
                        status = r.getStatusCode();
                    }
                }
                firstNanos = System.nanoTime() - t1;
            }
            default -> throw new IllegalArgumentException(mode);
        }
        int classesAtEnd = classes.getLoadedClassCount();
        System.out.println("{\"mode\":\"" + mode + "\",\"initMs\":" + initNanos / 1e6 + ",\"firstEventMs\":"
                + firstNanos / 1e6 + ",\"status\":" + status + ",\"classesLoaded\":" + classesAtEnd
                + ",\"classesBeforeInit\":" + classesBefore + ",\"classesAfterInit\":" + classesAfterInit
                + ",\"classesFirstEvent\":" + (classesAtEnd - classesAfterPriming)
                + ",\"peakRssKb\":" + peakRssKb() + "}");
        // the audit's shutdown hook anchors the chain head, as at a Lambda instance's end
        System.exit(0);
    }

    private static List<Object> events(String type, Path file) throws Exception {
        List<Object> events = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        PojoSerializer<?> serializer = switch (type) {
            case "http" -> LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    ColdStartProbe.class.getClassLoader());
            case "dynamodb" -> LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                    ColdStartProbe.class.getClassLoader());
            case "map" -> JacksonFactory.getInstance().getSerializer(Map.class);
            default -> throw new IllegalArgumentException(type);
        };
        for (String part : text.split("\n---\n")) {
            if (!part.isBlank()) {
                events.add(serializer.fromJson(new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8))));
            }
        }
        return events;
    }

    /** The process's peak resident set (VmHWM), as Lambda's "Max Memory Used" reports it. */
    private static long peakRssKb() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** The few Context fields Powertools reads. */
    static final class ProbeContext implements Context {
        public String getAwsRequestId() { return "bench-request"; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return "bench"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 900_000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.out.print(message); }
                public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
