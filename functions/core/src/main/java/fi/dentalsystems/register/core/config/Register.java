package fi.dentalsystems.register.core.config;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.notice.RegisterDescription;
import fi.dentalsystems.register.core.requests.RequestMails;
import fi.dentalsystems.register.core.requests.AccessExport;
import fi.dentalsystems.register.core.requests.AccessFulfilment;
import fi.dentalsystems.register.core.requests.DuplicateRequests;
import fi.dentalsystems.register.core.requests.ErasureFulfilment;
import fi.dentalsystems.register.core.requests.ErasureReapplication;
import fi.dentalsystems.register.core.store.ErasureLedger;
import fi.dentalsystems.register.core.requests.ObjectionFulfilment;
import fi.dentalsystems.register.core.requests.RectificationFulfilment;
import fi.dentalsystems.register.core.requests.RequestAnswer;
import fi.dentalsystems.register.core.requests.RequestFulfilments;
import fi.dentalsystems.register.core.requests.RestrictionFulfilment;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.PurgeReports;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import fi.dentalsystems.register.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The register as one function instance sees it, wired once from its {@link HandlerSetup}: the
 * repositories over the one DynamoDB client, the legal holds, the audit log, the clock, the mailer
 * and the function's variables. Every handler builds its routes or jobs from this, so no handler
 * wires a repository of its own.
 *
 * <p>A store is built on its first use, and only where the function has its table (template.yaml
 * gives each function only the tables it uses): a table schema costs tens of milliseconds of a
 * cold start (issue 17), so a function pays for the stores its work uses, not for every table its
 * role names (the purge names seven and asks this for two). The SnapStart priming reads through the stores a function's first event uses, so those are built
 * before the snapshot. Asking for a store whose table the function lacks fails as
 * {@link TableNames#nameOf} does. No AWS client other than the given DynamoDB client is
 * made here: mail, exports and the pepper's SSM parameter stay with the functions that use them.
 */
public final class Register {
    private final HandlerSetup setup;
    private final Store<CustomerRepository> customers;
    private final Store<ContactRepository> contacts;
    private final Store<HistoryRepository> history;
    private final Store<CredentialRepository> credentials;
    private final Store<RequestRepository> requests;
    private final Store<SuppressionRepository> suppression;
    private final Store<ErasureLedger> erasureLedger;
    private final Store<AuditLog> audit;
    private final Store<PurgeReports> purgeReports;
    private final LegalHolds holds;
    private final SuppressionKey suppressionKeys;
    private final ProcessorRegister processors;
    private volatile RegisterDescription description;
    private volatile fi.dentalsystems.register.core.audit.DigestStore digestStore;

    public Register(HandlerSetup setup) {
        this.setup = setup;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(setup.dynamoDb()).build();
        TableNames tables = setup.tables();
        this.customers = ifPresent(tables, RegisterTable.CUSTOMERS, name -> new CustomerRepository(enhanced, name));
        this.contacts = ifPresent(tables, RegisterTable.CONTACTS, name -> new ContactRepository(enhanced, name));
        this.history = ifPresent(tables, RegisterTable.HISTORY, name -> new HistoryRepository(enhanced, name));
        this.credentials = ifPresent(tables, RegisterTable.CREDENTIALS, name -> new CredentialRepository(enhanced, name));
        this.requests = ifPresent(tables, RegisterTable.REQUESTS, name -> new RequestRepository(enhanced, name));
        this.suppression = ifPresent(tables, RegisterTable.SUPPRESSION, name -> new SuppressionRepository(enhanced, name));
        this.erasureLedger = ifPresent(tables, RegisterTable.ERASURE_LEDGER, name -> new ErasureLedger(setup.dynamoDb(), name));
        this.audit = ifPresent(tables, RegisterTable.AUDIT, name -> new AuditLog(enhanced, name, setup.clock()));
        this.purgeReports = ifPresent(tables, RegisterTable.JOBS,
                name -> new PurgeReports(setup.dynamoDb(), name));
        this.holds = new LegalHolds(setup.dynamoDb(), tables);
        // the pepper itself is read on first use (SSM in AWS): only functions that hash addresses name it
        this.suppressionKeys = Pepper.configured(setup::variable).map(SuppressionKey::new).orElse(null);
        // read at init: a misconfigured processor register stops the function from starting, never misleads it
        this.processors = ProcessorConfiguration.from(setup.variable(ProcessorRegister.VARIABLE));
        if (tables.find(RegisterTable.AUDIT).isPresent() && setup.variable("AWS_LAMBDA_FUNCTION_NAME").isPresent()) {
            // Lambda sends SIGTERM at shutdown only to a runtime with an extension; where it does, the chain's
            // head is anchored on the way out (decision 0012). The five-minute anchors do not rely on it.
            Store<AuditLog> log = audit;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> log.ifMade(AuditLog::anchorHead), "audit-anchor"));
        }
    }

    private static <T> Store<T> ifPresent(TableNames tables, RegisterTable table, Function<String, T> store) {
        return new Store<>(table, tables.find(table).orElse(null), store);
    }

    /** One store of the function, made on first use from its table's name (or refused: the function lacks the table). */
    private static final class Store<T> {
        private final RegisterTable table;
        private final String tableName;
        private final Function<String, T> make;
        private volatile T made;

        Store(RegisterTable table, String tableName, Function<String, T> make) {
            this.table = table;
            this.tableName = tableName;
            this.make = make;
        }

        T get() {
            T store = made;
            if (store == null) {
                synchronized (this) {
                    store = made;
                    if (store == null) {
                        if (tableName == null) {
                            throw new IllegalStateException("environment variable " + table.environmentVariable()
                                    + " is not set");
                        }
                        store = make.apply(tableName);
                        made = store;
                    }
                }
            }
            return store;
        }

        void ifMade(java.util.function.Consumer<T> use) {
            T store = made;
            if (store != null) {
                use.accept(store);
            }
        }
    }

    public DynamoDbClient dynamoDb() {
        return setup.dynamoDb();
    }

    public TableNames tables() {
        return setup.tables();
    }

    public Clock clock() {
        return setup.clock();
    }

    public Mailer mailer() {
        return setup.mailer();
    }

    public Optional<String> variable(String name) {
        return setup.variable(name);
    }

    public String requiredVariable(String name) {
        return setup.requiredVariable(name);
    }

    public CustomerRepository customers() {
        return customers.get();
    }

    public ContactRepository contacts() {
        return contacts.get();
    }

    public HistoryRepository history() {
        return history.get();
    }

    public CredentialRepository credentials() {
        return credentials.get();
    }

    public RequestRepository requests() {
        return requests.get();
    }

    public SuppressionRepository suppression() {
        return suppression.get();
    }

    public AuditLog audit() {
        return audit.get();
    }

    /** The retention purge's run reports (Jobs table; ids and counts, no personal data). */
    public PurgeReports purgeReports() {
        return purgeReports.get();
    }

    /** Where the daily audit digests are (decision 0012): the folder or bucket the function's variables name. */
    public fi.dentalsystems.register.core.audit.DigestStore auditDigestStore() {
        var store = digestStore;
        if (store == null) {
            store = fi.dentalsystems.register.core.audit.DigestStores.configured(setup::variable);
            digestStore = store;
        }
        return store;
    }

    /** Recomputes the audit's chains against their anchors and digests (GET /audit/integrity, ./dev audit-verify). */
    public fi.dentalsystems.register.core.audit.AuditVerifier auditVerifier() {
        return new fi.dentalsystems.register.core.audit.AuditVerifier(audit(), auditDigestStore());
    }

    /** The daily digest of every chain's anchors, into the Object Lock bucket. */
    public fi.dentalsystems.register.core.audit.AuditDigests auditDigests() {
        return new fi.dentalsystems.register.core.audit.AuditDigests(audit(), auditDigestStore());
    }

    /**
     * Who the register belongs to and how to reach it (seed §1–2), from the function's variables
     * (template parameters): the mails, the access export and the privacy notice name it. Read on
     * first use, so a function or test that never names the controller needs none of the variables.
     */
    public RegisterDescription description() {
        RegisterDescription d = description;
        if (d == null) {
            d = RegisterDescription.from(setup::variable).withProcessors(processors.all());
            description = d;
        }
        return d;
    }

    /** The mails a requester receives, signed with the controller's name and address. */
    public RequestMails mails() {
        return new RequestMails(this::description);
    }

    /** The contracted processors (GDPR art. 28) and what their contracts let them see and write (decision 0011). */
    public ProcessorRegister processors() {
        return processors;
    }

    public LegalHolds holds() {
        return holds;
    }

    /** Hashes of addresses for the suppression list (seed §12); the pepper's variables must be set. */
    public SuppressionKey suppressionKeys() {
        if (suppressionKeys == null) {
            throw new IllegalStateException("SUPPRESSION_PEPPER_PARAMETER is not set");
        }
        return suppressionKeys;
    }

    /** The person's own data as an access export (GDPR art. 15), under the register's retention policy. */
    public AccessExport accessExport() {
        return new AccessExport(contacts(), customers(), history(), credentials(), requests(), RetentionPolicy.defaults(),
                this::description);
    }

    /** What completes a request staff approved, by its type; ACCESS stores its export in {@code exportStore}. */
    public RequestFulfilments requestFulfilments(ExportStore exportStore, String publicBaseUrl) {
        return new RequestFulfilments(access(exportStore, publicBaseUrl), rectification(), erasure(), restriction(),
                duplicates());
    }

    /** GDPR art. 15: the export, stored for the single-use link the answer mails. */
    public AccessFulfilment access(ExportStore exportStore, String publicBaseUrl) {
        return new AccessFulfilment(accessExport(), exportStore, requests(), audit(),
                new RequestAnswer(requests(), audit(), mailer()), publicBaseUrl, mails());
    }

    /** A fresh export link for an answered ACCESS request (issue 15), the export rebuilt when it must be. */
    public fi.dentalsystems.register.core.requests.ExportResend exportResend(ExportStore exportStore, String publicBaseUrl) {
        return new fi.dentalsystems.register.core.requests.ExportResend(access(exportStore, publicBaseUrl), requests(),
                audit(), mailer(), mails(), publicBaseUrl);
    }

    /** GDPR art. 16: closes the request once staff applied the corrections. */
    public RectificationFulfilment rectification() {
        return new RectificationFulfilment(requests(), audit(), new RequestAnswer(requests(), audit(), mailer()), mails());
    }

    /** GDPR art. 16: which request warrants a correction (X-Data-Subject-Request). */
    public fi.dentalsystems.register.core.requests.Rectifications rectifications() {
        return new fi.dentalsystems.register.core.requests.Rectifications(requests());
    }

    /** GDPR art. 17: erasure, with what the law or a legal hold keeps restricted instead. */
    public ErasureFulfilment erasure() {
        return new ErasureFulfilment(contacts(), history(), credentials(), customers(), requests(), audit(), holds(),
                mailer(), mails(), erasureLedger(), suppressionKeys());
    }

    /** What each erasure removed, by id and the address's peppered hash (decision 0017). */
    public ErasureLedger erasureLedger() {
        return erasureLedger.get();
    }

    /** After a restore from backup: every erasure of the ledger since the restore point, applied again (decision 0017). */
    public ErasureReapplication erasureReapplication() {
        return new ErasureReapplication(erasureLedger(), contacts(), history(), credentials(), customers(), requests(),
                audit(), holds(), suppressionKeys());
    }

    /** GDPR art. 18: restriction of the person's contact records, and its lifting. */
    public RestrictionFulfilment restriction() {
        return new RestrictionFulfilment(contacts(), customers(), requests(), audit(), mailer(), mails());
    }

    /** The objection to direct marketing (seed §12, GDPR art. 21), applied without a staff step. */
    public ObjectionFulfilment objections() {
        return new ObjectionFulfilment(contacts(), customers(), suppression(), suppressionKeys(), requests(), audit(),
                mailer(), mails(), duplicates());
    }

    /** The same person asking the same thing twice (issue 11): linked, one answer for the group. */
    public DuplicateRequests duplicates() {
        return new DuplicateRequests(requests(), audit());
    }
}
