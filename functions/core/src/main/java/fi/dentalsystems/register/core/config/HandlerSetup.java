package fi.dentalsystems.register.core.config;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler is built from: in Lambda, the function's environment ({@link #fromEnvironment});
 * the local runtime and the tests pass the engine, the tables, a clock, a mailer and the function's
 * other variables (as template.yaml sets them). {@link Register} wires the stores from it.
 */
@SuppressFBWarnings(value = "EI_EXPOSE_REP",
        justification = "The DynamoDB client is the shared engine every handler is built on, passed through on "
                + "purpose (the variables map is copied)")
public record HandlerSetup(DynamoDbClient dynamoDb, TableNames tables, Clock clock, Mailer mailer,
                           Map<String, String> variables) {

    public HandlerSetup {
        variables = Map.copyOf(variables);
    }

    /**
     * In Lambda: the DynamoDB client and table names from the environment, the system clock. The
     * mailer is the function's own (SES where it sends mail): not every function's jar has SES.
     */
    public static HandlerSetup fromEnvironment(Mailer mailer) {
        return new HandlerSetup(DynamoDbConnection.fromEnvironment(), TableNames.fromEnvironment(), Clock.systemUTC(),
                mailer, System.getenv());
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** A variable the function cannot run without (template.yaml sets it). */
    public String requiredVariable(String name) {
        return variable(name).orElseThrow(() -> new IllegalStateException(name + " is not set"));
    }
}
