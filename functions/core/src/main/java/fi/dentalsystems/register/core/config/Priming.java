package fi.dentalsystems.register.core.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.store.RegisterTable;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SnapStart priming (issue 17, decision 0019): what a function's {@code beforeCheckpoint} runs so the
 * snapshot already holds the classes and SDK paths of its first event. Read-only, always: a snapshot is
 * taken once per published version and may be restored many times, so a write here would happen
 * at deploy time, on nobody's behalf, outside any invocation's audit (art. 5(1)(f), 30). The reads
 * are of a key no item has, so priming reads no personal data either; the tables are the ones the
 * function reads by key on its first event, whose GetItem its role already allows (the priming test
 * checks both against template.yaml).
 */
public final class Priming {
    /** A key that no store issues (every id has its kind's prefix and a ULID): nothing is read. */
    static final String NO_SUCH_ID = "priming-no-such-id";

    private Priming() {
    }

    /** One consistent GetItem per table through the register's own store (its schema, its SDK path). */
    public static void reads(Register register, Set<RegisterTable> tables) {
        for (RegisterTable table : tables) {
            switch (table) {
                case REQUESTS -> register.requests().find(NO_SUCH_ID);
                case CUSTOMERS -> register.customers().find(NO_SUCH_ID);
                case CONTACTS -> register.contacts().find(NO_SUCH_ID);
                default -> throw new IllegalArgumentException("no priming read for " + table);
            }
        }
    }

    /**
     * The deadline index's query path (byStatusDue), as the scheduled functions read it: one page of
     * requests due before 1970 — none. A Query, where the function's role allows no GetItem.
     */
    public static void deadlineQuery(Register register) {
        register.requests().byStatusDueBefore(RequestStatus.RECEIVED, Instant.EPOCH, 1, Optional.empty());
    }

    /**
     * Routes through the function's HTTP adapter that touch no store: an unknown route (the problem
     * answer, JSON, the log line) and the given public pages that only render. No token, no body.
     */
    public static void http(HttpApiAdapter api, String... renderOnlyRoutes) {
        api.handle(event("GET /priming", "/priming"));
        for (String routeKey : renderOnlyRoutes) {
            api.handle(event(routeKey, routeKey.substring(routeKey.indexOf(' ') + 1)));
        }
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String path) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                .withHeaders(Map.of("accept", "text/html,application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(routeKey)
                        .withRequestId("priming").build())
                .withIsBase64Encoded(false).build();
    }
}
