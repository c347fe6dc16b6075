package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.core.config.ProcessorConfiguration;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.core.store.ContactItem;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.HistoryItem;
import fi.dentalsystems.register.core.store.RequestItem;
import fi.dentalsystems.register.core.store.SuppressionItem;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static fi.dentalsystems.register.local.support.CloudFormationYaml.list;
import static fi.dentalsystems.register.local.support.CloudFormationYaml.map;
import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml and the code must describe the same system. */
class TemplateContractTest {
    private static final Path ROOT = RepositoryRoot.find();
    private static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve("template.yaml"));

    /** Function logical id → the jar its Makefile target ships. */
    private static Map<String, Path> jarsFromMakefile() throws IOException {
        Map<String, Path> jars = new HashMap<>();
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        Matcher target = Pattern.compile("(?m)^build-(\\w+):\\s*\\n((?:\\t.*\\n?)+)").matcher(makefile);
        while (target.find()) {
            Matcher jar = Pattern.compile("(functions/[\\w-]+/target/[\\w-]+\\.jar)").matcher(target.group(2));
            if (jar.find()) {
                jars.put(target.group(1), ROOT.resolve(jar.group(1)));
            }
        }
        return jars;
    }

    @Test
    void everyFunctionsHandlerIsInTheJarItsBuildShips() throws Exception {
        Map<String, Path> jars = jarsFromMakefile();
        assertThat(TEMPLATE.functions()).isNotEmpty();
        for (SamTemplate.Function function : TEMPLATE.functions()) {
            assertThat(function.properties().get("Runtime")).as("runtime comes from Globals").isNull();
            Path jar = jars.get(function.logicalId());
            assertThat(jar).as("Makefile target build-" + function.logicalId()).isNotNull();
            assertThat(jar).as("built by the reactor before this module").exists();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                Class<?> handler = Class.forName(function.handlerClass(), false, loader);
                assertThat(handler.getConstructor()).as("the Lambda runtime needs a public no-arg constructor").isNotNull();
                assertThat(Arrays.stream(handler.getMethods()).map(java.lang.reflect.Method::getName))
                        .contains(function.handlerMethod());
                Class<?> requestHandler = Class.forName(RequestHandler.class.getName(), false, loader);
                assertThat(requestHandler.isAssignableFrom(handler)).isTrue();
                // the jar must carry its logging configuration and the Powertools layout
                assertThat(loader.getResource("log4j2.properties")).isNotNull();
                assertThat(loader.getResource("LambdaJsonLayout.json")).isNotNull();
            }
        }
    }

    @Test
    void everyTemplateRouteIsServedByItsHandlerAndViceVersa() {
        DynamoDbClient unused = DynamoDbClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(java.net.URI.create("http://127.0.0.1:9")).build();
        TableNames names = TableNames.from(v -> "unused");
        for (SamTemplate.Function function : TEMPLATE.functions()) {
            Set<String> declared = function.routes().stream().map(SamTemplate.HttpRoute::routeKey)
                    .collect(Collectors.toSet());
            if (declared.isEmpty()) {
                continue;
            }
            Map<String, String> tables = new HashMap<>();
            TEMPLATE.tables().keySet().forEach(id -> tables.put(id, id));
            Object handler = LocalApi.bind(TEMPLATE, unused, tables, Clock.systemUTC()).stream()
                    .filter(b -> declared.contains(b.route().routeKey())).findFirst().orElseThrow().handler();
            assertThat(handler).isInstanceOf(HttpApiFunction.class);
            assertThat(((HttpApiFunction) handler).routeKeys()).as(function.logicalId())
                    .containsExactlyInAnyOrderElementsOf(declared);
        }
        unused.close();
        assertThat(names.nameOf(RegisterTable.AUDIT)).isEqualTo("unused");
    }

    @Test
    void theTemplatesTablesAreTheOnesTheCodeUses() {
        assertThat(TEMPLATE.tables().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RegisterTable.values()).map(RegisterTable::logicalId).toList());
        Map<RegisterTable, TableSchema<?>> schemas = Map.of(
                RegisterTable.CUSTOMERS, CustomerItem.SCHEMA, RegisterTable.CONTACTS, ContactItem.SCHEMA,
                RegisterTable.HISTORY, HistoryItem.SCHEMA, RegisterTable.CREDENTIALS, CredentialItem.SCHEMA,
                RegisterTable.AUDIT, AuditItem.SCHEMA, RegisterTable.REQUESTS, RequestItem.SCHEMA,
                RegisterTable.SUPPRESSION, SuppressionItem.SCHEMA);
        assertThat(keyNames(TEMPLATE.tables().get(RegisterTable.JOBS.logicalId()).get("KeySchema")))
                .containsExactly(fi.dentalsystems.register.purge.PurgeCheckpoint.KEY_ATTRIBUTE);
        assertThat(keyNames(TEMPLATE.tables().get(RegisterTable.ERASURE_LEDGER.logicalId()).get("KeySchema")))
                .containsExactly(fi.dentalsystems.register.core.store.ErasureLedger.REQUEST_ID);
        assertThat(map(TEMPLATE.tables().get(RegisterTable.ERASURE_LEDGER.logicalId()).get("TimeToLiveSpecification"))
                .get("AttributeName")).as("the ledger expires by TTL (decision 0017)")
                .isEqualTo(fi.dentalsystems.register.core.store.ErasureLedger.EXPIRES_AT);
        for (RegisterTable table : RegisterTable.values()) {
            if (table == RegisterTable.JOBS || table == RegisterTable.ERASURE_LEDGER) {
                continue; // checked above: written with the low-level client, they have no item schema
            }
            Map<String, Object> props = TEMPLATE.tables().get(table.logicalId());
            TableMetadata metadata = schemas.get(table).tableMetadata();
            assertThat(keyNames(props.get("KeySchema"))).as(table + " primary key")
                    .containsExactlyElementsOf(keys(metadata, TableMetadata.primaryIndexName()));
            for (Object index : list(props.get("GlobalSecondaryIndexes"))) {
                String indexName = String.valueOf(map(index).get("IndexName"));
                if (indexName.equals("byHold")) {
                    // keyed by the hold, which lives outside the item schemas (LegalHolds; decision 0016)
                    assertThat(keyNames(map(index).get("KeySchema"))).as(table + " index " + indexName)
                            .containsExactly(fi.dentalsystems.register.core.store.LegalHolds.HOLD_UNTIL);
                    continue;
                }
                assertThat(keyNames(map(index).get("KeySchema"))).as(table + " index " + indexName)
                        .containsExactlyElementsOf(keys(metadata, indexName));
            }
        }
        // and every function names its tables through the variables the code reads
        for (SamTemplate.Function function : TEMPLATE.functions()) {
            function.environment().forEach((variable, value) -> {
                Object ref = map(value).get("Ref");
                if (ref instanceof String logicalId && TEMPLATE.tables().containsKey(logicalId)) {
                    RegisterTable table = Arrays.stream(RegisterTable.values())
                            .filter(t -> t.logicalId().equals(logicalId)).findFirst().orElseThrow();
                    assertThat(variable).isEqualTo(table.environmentVariable());
                }
            });
        }
    }

    private static List<String> keyNames(Object keySchema) {
        return list(keySchema).stream().map(k -> String.valueOf(map(k).get("AttributeName"))).toList();
    }

    private static List<String> keys(TableMetadata metadata, String index) {
        List<String> keys = new java.util.ArrayList<>();
        keys.add(metadata.indexPartitionKey(index));
        metadata.indexSortKey(index).ifPresent(keys::add);
        return keys;
    }

    @Test
    void theTemplateRefusesRegionsOutsideTheEu() {
        Map<String, Object> rule = map(map(TEMPLATE.root().get("Rules")).get("EuRegionOnly"));
        Map<String, Object> assertion = map(list(rule.get("Assertions")).get(0));
        List<Object> contains = list(map(assertion.get("Assert")).get("Fn::Contains"));
        Set<String> allowedByRule = new HashSet<>();
        list(contains.get(0)).forEach(r -> allowedByRule.add(String.valueOf(r)));
        assertThat(map(contains.get(1)).get("Ref")).isEqualTo("AWS::Region");
        Set<String> allowedByMap = map(map(TEMPLATE.root().get("Mappings")).get("EuRegions")).keySet();

        for (String region : List.of("us-east-1", "eu-west-2", "eu-central-2", "ap-northeast-1")) {
            assertThat(allowedByRule).as("Rules refuse " + region).doesNotContain(region);
            assertThat(allowedByMap).as("FindInMap fails in " + region).doesNotContain(region);
        }
        assertThat(allowedByRule).contains("eu-west-1").isEqualTo(allowedByMap);

        // every table, the key and every function look their region up in the map
        for (String id : TEMPLATE.resources().keySet()) {
            String type = String.valueOf(map(TEMPLATE.resources().get(id)).get("Type"));
            if (type.equals("AWS::DynamoDB::Table") || type.equals("AWS::KMS::Key")
                    || type.equals("AWS::Serverless::Function")) {
                assertThat(String.valueOf(TEMPLATE.resources().get(id))).as(id)
                        .contains("Fn::FindInMap=[EuRegions, {Ref=AWS::Region}");
            }
        }
    }

    /**
     * The processor register (parameter Processors) and the Cognito groups its users sign in with are
     * two declarations of one thing: each configured processor has its group, no other processor group
     * exists, and every function reads the register from Globals (decision 0011).
     */
    @Test
    void everyConfiguredProcessorHasItsCognitoGroupAndNoOtherProcessorGroupExists() {
        ProcessorRegister processors = ProcessorConfiguration.from(TEMPLATE.parameterDefault("Processors"));
        assertThat(processors.all()).extracting(Processor::id).containsExactly("billing", "technical-support");
        Set<String> groups = new HashSet<>();
        TEMPLATE.resources().values().stream().map(r -> map(r))
                .filter(r -> "AWS::Cognito::UserPoolGroup".equals(r.get("Type")))
                .map(r -> String.valueOf(map(r.get("Properties")).get("GroupName")))
                .filter(name -> name.startsWith("register-processor")).forEach(groups::add);
        assertThat(groups).containsExactlyInAnyOrderElementsOf(processors.all().stream().map(Processor::groupName).toList());
        assertThat(map(TEMPLATE.globalEnvironment().get(ProcessorRegister.VARIABLE)).get("Ref")).isEqualTo("Processors");
    }
}
