package fi.dentalsystems.register.local.bench;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the cold-start probes run against, in the bench's own JVM: dynalite with every table, moto_server
 * for S3, SES v2 and SSM (the functions' own clients reach it through AWS_ENDPOINT_URL_*), the
 * buckets, the sender identity and the pepper parameter the template names, and the seeding the
 * first events need (through the register's own stores).
 */
final class BenchWorld {
    static final String REGION = "eu-west-1";
    static final String MAIL_FROM = "tietosuoja@bench.example";

    private final DynamoDbClient dynamoDb;
    private final Map<String, String> tables;
    private final URI moto;
    private final SamTemplate template = SamTemplate.load();
    private final S3Client s3;
    private final Register register;
    private final Set<String> buckets = new HashSet<>();
    private final Path events = RepositoryRoot.find().resolve("events");

    BenchWorld(DynamoDbClient dynamoDb, Map<String, String> tables, String dynamoDbEndpoint, URI moto) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.moto = moto;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        this.s3 = S3Client.builder().region(Region.of(REGION)).endpointOverride(moto).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true).build();
        try (SesV2Client ses = SesV2Client.builder().region(Region.of(REGION)).endpointOverride(moto)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             SsmClient ssm = SsmClient.builder().region(Region.of(REGION)).endpointOverride(moto)
                     .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            ses.createEmailIdentity(r -> r.emailIdentity("bench.example"));
            ssm.putParameter(r -> r.name(PEPPER_PARAMETER).type(ParameterType.SECURE_STRING)
                    .value("bench-pepper-not-a-secret-value").overwrite(true));
        }
        this.register = new Register(new HandlerSetup(dynamoDb, names(), Clock.systemUTC(), mail -> "none",
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "https://bench.example",
                        "SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value"))));
        this.dynamoDbEndpoint = dynamoDbEndpoint;
    }

    private static final String PEPPER_PARAMETER = "/bench/suppression-pepper";
    private final String dynamoDbEndpoint;

    TableNames names() {
        return TableNames.from(v -> {
            for (RegisterTable t : RegisterTable.values()) {
                if (t.environmentVariable().equals(v)) {
                    return tables.get(t.logicalId());
                }
            }
            return null;
        });
    }

    Register register() {
        return register;
    }

    S3Client s3() {
        return s3;
    }

    String sampleEvent(String file) throws Exception {
        return Files.readString(events.resolve(file), StandardCharsets.UTF_8);
    }

    /** A stored request, ready as the first event needs it. */
    String store(DataSubjectRequest request) {
        register.requests().create(request);
        return request.requestId();
    }

    /**
     * The function's environment as the stack gives it (template Globals + its own variables), local:
     * its own tables only, its buckets created in moto, stand-ins for what only AWS resolves.
     */
    Map<String, String> environment(String templateId) {
        Map<String, Object> declared = template.function(templateId).orElseThrow().environment();
        Map<String, String> env = new LinkedHashMap<>();
        declared.forEach((name, value) -> {
            String local = SamTemplate.resolveLocal(value, ref -> tables.containsKey(ref) ? tables.get(ref)
                    : template.parameterDefault(ref).orElse(null)).orElse(null);
            if (name.endsWith("_BUCKET")) {
                local = bucket("bench-" + name.toLowerCase(Locale.ROOT).replace('_', '-'));
            } else if (name.equals("SUPPRESSION_PEPPER_PARAMETER")) {
                local = PEPPER_PARAMETER;
            } else if (local == null || local.isBlank()) {
                local = switch (name) {
                    case "PUBLIC_BASE_URL", "SIGN_IN_BASE" -> "https://bench.example";
                    case "MAIL_FROM", "REGISTER_CONTACT_EMAIL" -> MAIL_FROM;
                    default -> "bench-" + name.toLowerCase(Locale.ROOT);
                };
            }
            env.put(name, local);
        });
        if (env.containsKey("MAIL_FROM")) {
            env.put("MAIL_FROM", MAIL_FROM);
        }
        env.remove("JAVA_TOOL_OPTIONS"); // the probe's command line has Lambda's flags
        env.remove("SES_CONFIGURATION_SET"); // moto has none
        env.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint);
        env.put("AWS_ENDPOINT_URL_S3", moto.toString());
        env.put("AWS_ENDPOINT_URL_SESV2", moto.toString());
        env.put("AWS_ENDPOINT_URL_SSM", moto.toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", templateId);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        return env;
    }

    private String bucket(String name) {
        if (buckets.add(name)) {
            s3.createBucket(r -> r.bucket(name).objectLockEnabledForBucket(true)
                    .createBucketConfiguration(c -> c.locationConstraint(REGION)));
            s3.putObject(r -> r.bucket(name).key("bench-floor/object"), RequestBody.fromString("floor"));
        }
        return name;
    }

    /** The key schema lines of the floor spec ({@link FloorCalls}): every table and index, local names. */
    List<String> keySchemas() {
        List<String> lines = new ArrayList<>();
        for (String table : tables.values()) {
            TableDescription t = dynamoDb.describeTable(r -> r.tableName(table)).table();
            Map<String, String> types = new LinkedHashMap<>();
            t.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeTypeAsString()));
            lines.add("key " + table + " " + keys(t.keySchema(), types));
            t.globalSecondaryIndexes().forEach(i -> lines.add("index " + table + " " + i.indexName() + " "
                    + keys(i.keySchema(), types)));
        }
        return lines;
    }

    private static String keys(List<KeySchemaElement> schema, Map<String, String> types) {
        StringBuilder s = new StringBuilder();
        for (KeySchemaElement k : schema) {
            s.append(s.isEmpty() ? "" : " ").append(k.attributeName()).append(' ').append(types.get(k.attributeName()));
        }
        return s.toString();
    }
}
