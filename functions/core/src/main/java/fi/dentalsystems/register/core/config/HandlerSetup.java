package fi.dentalsystems.register.core.config;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.mail.Mailer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler is built from when it does not read its own environment: the local
 * runtime and the tests pass the engine, the tables, a clock, a mailer and the function's
 * other variables (as template.yaml sets them).
 */
@SuppressFBWarnings(value = "EI_EXPOSE_REP",
        justification = "The DynamoDB client is the shared engine every handler is built on, passed through on "
                + "purpose (the variables map is copied)")
public record HandlerSetup(DynamoDbClient dynamoDb, TableNames tables, Clock clock, Mailer mailer,
                           Map<String, String> variables) {

    public HandlerSetup {
        variables = Map.copyOf(variables);
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
