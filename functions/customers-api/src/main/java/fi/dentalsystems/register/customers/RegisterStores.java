package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The stores this function uses, built once per instance. */
record RegisterStores(CustomerRepository customers, ContactRepository contacts, HistoryRepository history,
                      CredentialRepository credentials, AuditLog audit, SuppressionRepository suppression,
                      SuppressionKey suppressionKeys, LegalHolds holds, Clock clock) {

    static RegisterStores create(DynamoDbClient dynamoDb, TableNames tables, Clock clock, Pepper pepper) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        return new RegisterStores(
                new CustomerRepository(enhanced, tables.nameOf(RegisterTable.CUSTOMERS)),
                new ContactRepository(enhanced, tables.nameOf(RegisterTable.CONTACTS)),
                new HistoryRepository(enhanced, tables.nameOf(RegisterTable.HISTORY)),
                new CredentialRepository(enhanced, tables.nameOf(RegisterTable.CREDENTIALS)),
                new AuditLog(enhanced, tables.nameOf(RegisterTable.AUDIT), clock),
                new SuppressionRepository(enhanced, tables.nameOf(RegisterTable.SUPPRESSION)),
                new SuppressionKey(pepper),
                new LegalHolds(dynamoDb, tables),
                clock);
    }
}
