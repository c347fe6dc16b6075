package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.config.ProcessorConfiguration;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.TableFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** The local commands behind ./dev: {@code up} and {@code token}. */
public final class Dev {
    private Dev() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Path root = RepositoryRoot.find();
        switch (args[0]) {
            case "up" -> up(root, List.of(args).subList(1, args.length));
            case "deadlines" -> deadlines(root, List.of(args).subList(1, args.length));
            case "purge" -> purge(root, List.of(args).subList(1, args.length));
            case "redrive" -> redrive(root, List.of(args).subList(1, args.length));
            case "audit-verify" -> auditVerify(root, List.of(args).subList(1, args.length));
            case "reapply-erasures" -> reapplyErasures(root, List.of(args).subList(1, args.length));
            case "token" -> {
                if (args.length < 2) {
                    usage();
                    System.exit(2);
                }
                if (args[1].startsWith("processor:")) {
                    // only a processor the register knows: its group's users are what Cognito would sign in
                    ProcessorRegister processors = ProcessorConfiguration.from(SamTemplate.load(root.resolve("template.yaml"))
                            .parameterDefault("Processors"));
                    String id = args[1].substring("processor:".length());
                    if (processors.byId(id).isEmpty()) {
                        System.err.println("no processor " + id + " in the processor register (template.yaml, Processors): "
                                + String.join(", ", processors.all().stream().map(p -> "processor:" + p.id()).toList()));
                        System.exit(2);
                    }
                }
                System.out.println(DevTokens.fromKeyFile(root.resolve(".local/dev-jwt.key")).issue(args[1], Instant.now()));
            }
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    /** Runs the deadline monitor once against the running local system, as of {@code --now}. */
    @SuppressWarnings("unchecked")
    private static void deadlines(Path root, List<String> args) throws java.io.IOException {
        String now = Instant.now().toString();
        int dynamoPort = 8000;
        int port = 3000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--now" -> now = Instant.parse(args.get(++i)).toString();
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(args.get(++i));
                case "--port" -> port = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        String at = now;
        // locally the reminders and closings run on the moved clock too: the data is the developer's own
        withLocalFunction(root, dynamoPort, "DeadlineMonitorFunction", "RequestsTable",
                new OutboxMailer(root.resolve(".local/outbox"), "tietosuoja@dentalsystems.fi", Clock.systemUTC()),
                Map.of("DEADLINE_CLOCK_OVERRIDE", "allowed", "PUBLIC_BASE_URL", "http://localhost:" + port),
                handler -> System.out.println(((com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>,
                        Map<String, Object>>) handler).handleRequest(Map.of("now", at), null)));
    }

    /**
     * Runs the retention purge once against the running local system: {@code --now} shows what
     * would go on another day (a real run on that clock, unless {@code --dry-run}), with a
     * progress line while it runs and the report at the end.
     */
    private static void purge(Path root, List<String> args) throws java.io.IOException {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        int dynamoPort = 8000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--now" -> event.put("now", Instant.parse(args.get(++i)).toString());
                case "--dry-run" -> event.put("dryRun", true);
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        withLocalFunction(root, dynamoPort, "RetentionPurgeFunction", "JobsTable", mail -> {
            throw new IllegalStateException("the purge sends no mail");
        }, localPurge(root, localSecret(root.resolve(".local/suppression-pepper"))), handler -> {
            long[] lastPrinted = {0};
            Map<String, Object> report = ((fi.dentalsystems.register.purge.RetentionPurgeHandler) handler).run(event,
                    (batches, deleted, table, day) -> {
                        long now = System.currentTimeMillis();
                        if (now - lastPrinted[0] >= 500) {
                            lastPrinted[0] = now;
                            System.err.print("\r  purging " + table + " " + day + ": " + batches + " batches, " + deleted
                                    + " items deleted   ");
                        }
                    });
            if (lastPrinted[0] > 0) {
                System.err.println();
            }
            System.out.println(report);
        });
    }

    /**
     * Builds one of the template's functions against the running local system (./dev up), as the
     * local runtime builds it, and hands it to {@code use}; says how to start the system if none runs.
     */
    private static void withLocalFunction(Path root, int dynamoPort, String functionId, String probeTable,
                                          fi.dentalsystems.register.core.mail.Mailer mailer,
                                          Map<String, String> overrides, java.util.function.Consumer<Object> use) {
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        SamTemplate.Function function = template.function(functionId).orElseThrow();
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        template.tables().keySet().forEach(id -> tables.put(id, id));
        try (DynamoDbClient client = DynamoDbConnection.create(Optional.of("http://127.0.0.1:" + dynamoPort), "eu-west-1")) {
            client.describeTable(r -> r.tableName(probeTable));
            use.accept(LocalApi.instantiate(template, function, client, tables, Clock.systemUTC(), mailer, overrides));
        } catch (software.amazon.awssdk.core.exception.SdkClientException
                 | software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            System.err.println("no local system on DynamoDB port " + dynamoPort + ": start it with ./dev up");
            System.exit(1);
        }
    }

    /**
     * Locally a purge may run on a moved clock (./dev purge --now): the data is the developer's own.
     * It hashes the addresses of the requests it minimises with the local pepper (.local/).
     */
    static Map<String, String> localPurge(Path root, String pepper) {
        return Map.of("PURGE_CLOCK_OVERRIDE", "allowed", "SUPPRESSION_PEPPER", pepper,
                "AUDIT_DIGEST_FOLDER", root.resolve(DIGESTS).toString());
    }

    /** The local stand-in of the Object Lock digest bucket (decision 0012). */
    static final String DIGESTS = ".local/audit-digests";

    /**
     * Verifies the local system's audit (decision 0012): writes the digests of finished days that
     * have none (as the daily purge does), then recomputes every chain from {@code --from} (default:
     * 7 days ago) to {@code --to} (default: today) against the anchors and digests, prints the
     * verdict as GET /audit/integrity gives it, and exits 1 when it is not intact.
     */
    private static void auditVerify(Path root, List<String> args) {
        java.time.LocalDate to = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate from = null;
        int dynamoPort = 8000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--from" -> from = java.time.LocalDate.parse(args.get(++i));
                case "--to" -> to = java.time.LocalDate.parse(args.get(++i));
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        java.time.LocalDate first = from == null ? to.minusDays(6) : from;
        java.time.LocalDate last = to;
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        template.tables().keySet().forEach(id -> tables.put(id, id));
        try (DynamoDbClient client = DynamoDbConnection.create(Optional.of("http://127.0.0.1:" + dynamoPort), "eu-west-1")) {
            client.describeTable(r -> r.tableName("AuditTable"));
            fi.dentalsystems.register.core.config.Register register = new fi.dentalsystems.register.core.config.Register(
                    new fi.dentalsystems.register.core.config.HandlerSetup(client,
                            fi.dentalsystems.register.core.store.TableNames.from(v -> v.equals("AUDIT_TABLE") ? "AuditTable" : null),
                            Clock.systemUTC(), mail -> {
                                throw new IllegalStateException("no mail");
                            }, Map.of("AUDIT_DIGEST_FOLDER", root.resolve(DIGESTS).toString())));
            Instant now = Instant.now();
            register.auditDigests().catchUp(now);
            var result = register.auditVerifier().verify(first, last, now);
            List<Object> problems = new ArrayList<>();
            result.problems().forEach(p -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("day", p.day().toString());
                p.entryId().ifPresent(id -> m.put("entryId", id));
                m.put("kind", p.kind().wire());
                problems.add(m);
            });
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("intact", result.intact());
            answer.put("checked", result.checked());
            answer.put("problems", problems);
            System.out.println(fi.dentalsystems.register.core.format.Json.write(answer));
            if (!result.intact()) {
                System.exit(1);
            }
        } catch (software.amazon.awssdk.core.exception.SdkClientException
                 | software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            System.err.println("no local system on DynamoDB port " + dynamoPort + ": start it with ./dev up");
            System.exit(1);
        }
    }

    /**
     * Replays what the local dead-letter queues (.local/dlq/) hold through the functions of the running
     * local system, once each, and says how many went through and how many are still parked.
     */
    private static void redrive(Path root, List<String> args) throws java.io.IOException {
        int dynamoPort = 8000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        LocalDeadLetters deadLetters = new LocalDeadLetters(root.resolve(".local/dlq"));
        if (deadLetters.all().isEmpty()) {
            System.out.println("nothing parked in .local/dlq/");
            return;
        }
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        template.tables().keySet().forEach(id -> tables.put(id, id));
        String pepper = localSecret(root.resolve(".local/suppression-pepper"));
        try (DynamoDbClient client = DynamoDbConnection.create(Optional.of("http://127.0.0.1:" + dynamoPort), "eu-west-1")) {
            client.describeTable(r -> r.tableName("RequestsTable"));
            LocalFunctions functions = new LocalFunctions(template, client, tables, Clock.systemUTC(),
                    new OutboxMailer(root.resolve(".local/outbox"), "tietosuoja@dentalsystems.fi", Clock.systemUTC()),
                    localVariables(root, "http://localhost:3000", pepper));
            LocalRedrive.Result result = new LocalRedrive(deadLetters, functions.replayers()).run();
            System.out.println("redrive: " + result.replayed() + " replayed, " + result.stillParked() + " still parked");
            if (result.stillParked() > 0) {
                System.exit(1);
            }
        } catch (software.amazon.awssdk.core.exception.SdkClientException
                 | software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            System.err.println("no local system on DynamoDB port " + dynamoPort + ": start it with ./dev up");
            System.exit(1);
        }
    }

    /** The variables every local function gets: the public address, the pepper, the export and inbound folders. */
    static Map<String, String> localVariables(Path root, String base, String pepper) {
        return Map.of("PUBLIC_BASE_URL", base, "SUPPRESSION_PEPPER", pepper,
                "EXPORT_FOLDER", root.resolve(".local/exports").toString(),
                "AUDIT_DIGEST_FOLDER", root.resolve(DIGESTS).toString(),
                "INBOUND_FOLDER", root.resolve(".local/inbound").toString(),
                "INBOUND_BUCKET", LocalSmtpIntake.BUCKET, "INBOUND_PREFIX", "");
    }


    /** A random secret kept in .local/ between runs (the local stand-in of an SSM SecureString). */
    private static String localSecret(Path file) throws java.io.IOException {
        if (!java.nio.file.Files.exists(file)) {
            java.nio.file.Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            java.nio.file.Files.writeString(file, java.util.HexFormat.of().formatHex(bytes));
        }
        return java.nio.file.Files.readString(file).strip();
    }

    private static void usage() {
        System.err.println("usage: dev up [--port N] [--dynamodb-port N] [--smtp-port N] [--data DIR] [--seed]"
                + " | dev token admin|staff|service|processor:<id>"
                + " | dev deadlines [--now ISO-INSTANT] [--port N] [--dynamodb-port N]"
                + " | dev purge [--now ISO-INSTANT] [--dry-run] [--dynamodb-port N] | dev redrive [--dynamodb-port N]"
                + " | dev audit-verify [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--dynamodb-port N]"
                + " | dev reapply-erasures --since ISO-INSTANT [--dynamodb-port N]");
    }

    /**
     * After a restore (README, Restoring from backup; decision 0017): runs reapply-erasures once against
     * the running local system, applying every erasure of the ledger since {@code --since} again, and
     * prints its report (run id, request ids, counts).
     */
    @SuppressWarnings("unchecked")
    private static void reapplyErasures(Path root, List<String> args) throws java.io.IOException {
        String since = null;
        int dynamoPort = 8000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--since" -> since = Instant.parse(args.get(++i)).toString();
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        if (since == null) {
            System.err.println("usage: dev reapply-erasures --since ISO-INSTANT (the restore point, e.g. 2026-11-20T00:00:00Z)");
            System.exit(2);
        }
        String from = since;
        withLocalFunction(root, dynamoPort, "ReapplyErasuresFunction", "ErasureLedgerTable", mail -> {
            throw new IllegalStateException("re-applying erasures sends no mail");
        }, Map.of("SUPPRESSION_PEPPER", localSecret(root.resolve(".local/suppression-pepper"))),
                handler -> System.out.println(fi.dentalsystems.register.core.format.Json.write(
                        ((com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>, Map<String, Object>>)
                                handler).handleRequest(Map.of("since", from), null))));
    }

    private static void up(Path root, List<String> args) throws Exception {
        int port = 3000;
        int dynamoPort = 8000;
        int smtpPort = 2525;
        Optional<Path> data = Optional.empty();
        boolean seed = false;
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            switch (rest.get(i)) {
                case "--port" -> port = Integer.parseInt(rest.get(++i));
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(rest.get(++i));
                case "--smtp-port" -> smtpPort = Integer.parseInt(rest.get(++i));
                case "--data" -> data = Optional.of(Path.of(rest.get(++i)).toAbsolutePath());
                case "--seed" -> seed = true;
                default -> throw new IllegalArgumentException("unknown option " + rest.get(i));
            }
        }
        Dynalite engine = Dynalite.start(dynamoPort, data);
        DynamoDbClient client = DynamoDbConnection.create(Optional.of(engine.endpoint()), "eu-west-1");
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<String, String> tables = TableFactory.createAll(client, template, "");
        DevTokens tokens = DevTokens.fromKeyFile(root.resolve(".local/dev-jwt.key"));
        Path outbox = root.resolve(".local/outbox");
        String base = "http://localhost:" + port;
        String pepper = localSecret(root.resolve(".local/suppression-pepper"));
        // the local export bucket: requests-api writes approved exports here, public-requests serves them once
        Path exports = root.resolve(".local/exports");
        List<LocalApi.Binding> bindings = LocalApi.bind(template, client, tables, Clock.systemUTC(),
                new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", Clock.systemUTC()),
                Map.of("PUBLIC_BASE_URL", base, "SUPPRESSION_PEPPER", pepper, "EXPORT_FOLDER", exports.toString(),
                        "AUDIT_DIGEST_FOLDER", root.resolve(DIGESTS).toString()));
        LocalApi api = LocalApi.start(port, bindings, tokens, root.resolve("openapi.yaml"));
        if (seed) {
            DemoData.load(bindings, tokens);
        }
        OutboxMailer scheduledMail = new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", Clock.systemUTC());
        LocalFunctions functions = new LocalFunctions(template, client, tables, Clock.systemUTC(), scheduledMail,
                localVariables(root, base, pepper));
        // what fails all its attempts is parked here, as the dead-letter queues hold it in AWS (./dev redrive)
        LocalDeadLetters deadLetters = new LocalDeadLetters(root.resolve(".local/dlq"));
        LocalSchedules schedules = new LocalSchedules(template, functions::handler,
                LocalAsyncInvoke.Settings.local(0, deadLetters).delays(), deadLetters);
        Path inbound = root.resolve(".local/inbound");
        LocalRequestsStream stream = new LocalRequestsStream(functions.requests(), functions.fulfilment(),
                LocalRequestsStream.retriesOf(template.function(LocalRequestsStream.FUNCTION).orElseThrow()), deadLetters);
        LocalSmtpIntake smtp = new LocalSmtpIntake(smtpPort, new fi.dentalsystems.register.intake.FolderRawMailStore(inbound),
                functions.intake(), LocalAsyncInvoke.Settings.local(functions.retries(LocalSmtpIntake.FUNCTION), deadLetters));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            schedules.close();
            stream.close();
            smtp.close();
            api.close();
            engine.close();
            stop.countDown();
        }));
        System.out.println();
        System.out.println("Customer register running locally (Ctrl-C stops everything)");
        System.out.println("  API            " + base + "   (" + bindings.size() + " routes from template.yaml)");
        System.out.println("  Console        " + base + "/console   (staff console: sign in by picking admin, staff or a processor)");
        System.out.println("  API reference  " + base + "/console/reference.html   (Redoc, from openapi.yaml)");
        System.out.println("  OpenAPI        " + base + "/openapi.yaml");
        System.out.println("  Request form   " + base + "/form   (fi, sv, en: ?lang=)");
        System.out.println("  Outbox         " + outbox + "   (mail the system sends, as .eml files)");
        System.out.println("  Exports        " + exports + "   (approved access exports until their link is used)");
        schedules.described().forEach(d -> System.out.println("  Schedule       " + d));
        System.out.println("  Stream         Requests → RequestFulfilmentFunction (verified objections are applied at once)");
        System.out.println("  SMTP intake    localhost:" + smtp.port() + "   (mail to "
                + template.parameterDefault("IntakeAddress").orElse("the intake address") + " becomes a request)");
        System.out.println("  Dead letters   " + deadLetters.root() + "   (events that failed every attempt; ./dev redrive"
                + " replays them" + (deadLetters.all().isEmpty() ? "" : "; " + deadLetters.all().size() + " parked now") + ")");
        System.out.println("  DynamoDB       " + engine.endpoint() + "   (dynalite, " + (data.isPresent()
                ? "data in " + data.get() : "in memory") + "; tables " + String.join(", ", tables.values()) + ")");
        System.out.println();
        System.out.println("Staff token (8 h; more with ./dev token admin|staff|service|processor:<id>, processors: "
                + String.join(", ", ProcessorConfiguration.from(template.parameterDefault("Processors")).all().stream()
                        .map(p -> p.id()).toList()) + "):");
        System.out.println(tokens.issue("staff", Instant.now()));
        System.out.println();
        System.out.println("Try:  curl -H \"Authorization: Bearer $TOKEN\" " + base + "/customers");
        stop.await();
    }
}
