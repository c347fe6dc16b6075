package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Timestamps;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Extension;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Requests table: data-subject requests with their events. */
public final class RequestRepository {
    private final DynamoDbTable<RequestItem> table;

    public RequestRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, RequestItem.SCHEMA);
    }

    public Optional<DataSubjectRequest> find(String requestId) {
        // consistent: a request's state decides single-use links and once-only answers; its reads are few
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(requestId).build())
                        .consistentRead(true)))
                .map(RequestRepository::toRequest);
    }

    /** Stores a new request; a second create of the same id fails, which makes retries idempotent. */
    public DataSubjectRequest create(DataSubjectRequest request) {
        RequestItem item = toItem(request);
        item.setVersion(null);
        try {
            table.putItem(item);
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(TargetType.REQUEST);
        }
        item.setVersion(1L);
        return toRequest(item);
    }

    /** Writes the new state if the stored version is still {@code request.version()}. */
    public DataSubjectRequest update(DataSubjectRequest request) {
        RequestItem item = toItem(request);
        try {
            // an update, not a put: attributes outside the item schema (a legal hold) survive the write
            table.updateItem(UpdateItemEnhancedRequest.builder(RequestItem.class).item(item).build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(TargetType.REQUEST);
        }
        item.setVersion(request.version() + 1);
        return toRequest(item);
    }

    /** Requests in a status whose deadline is before {@code dueBefore}, soonest first, from the index. */
    public Page<DataSubjectRequest> byStatusDueBefore(RequestStatus status, Instant dueBefore, int limit,
                                                      Optional<String> cursor) {
        Optional<Map<String, AttributeValue>> start = PageCursor.decode(cursor,
                Set.of("requestId", "status", "dueAt"), Map.of("status", status.name()));
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThan(Key.builder().partitionValue(status.name())
                        .sortValue(Timestamps.sortable(dueBefore)).build()))
                .limit(limit);
        start.ifPresent(query::exclusiveStartKey);
        var page = table.index(RequestItem.BY_STATUS_DUE).query(query.build()).iterator().next();
        List<DataSubjectRequest> items = page.items().stream().map(RequestRepository::toRequest).toList();
        return new Page<>(items, items.size() < limit ? Optional.empty() : PageCursor.encode(page.lastEvaluatedKey()));
    }

    public List<DataSubjectRequest> withEmail(String emailKey) {
        List<DataSubjectRequest> result = new ArrayList<>();
        table.index(RequestItem.BY_EMAIL).query(QueryConditional.keyEqualTo(Key.builder().partitionValue(emailKey).build()))
                .forEach(p -> p.items().forEach(i -> result.add(toRequest(i))));
        return result;
    }

    private static RequestItem toItem(DataSubjectRequest r) {
        RequestItem item = new RequestItem();
        item.setRequestId(r.requestId());
        item.setType(r.type().name());
        item.setStatus(r.status().name());
        item.setChannel(r.channel().name());
        item.setReceivedAt(Timestamps.sortable(r.receivedAt()));
        item.setOriginalDueAt(Timestamps.sortable(r.originalDueAt()));
        item.setDueAt(Timestamps.sortable(r.dueAt()));
        r.extension().ifPresent(e -> {
            item.setExtensionMonths(e.months());
            item.setExtensionReason(e.reason());
            item.setExtendedAt(Timestamps.sortable(e.at()));
        });
        item.setEmail(r.email());
        item.setEmailKey(ContactRepository.emailKey(r.email()));
        item.setName(r.name().orElse(null));
        item.setDetails(r.details().orElse(null));
        item.setLanguage(r.language().name());
        item.setTokenHash(r.tokenHash().orElse(null));
        item.setTokenExpiresAt(r.tokenExpiresAt().map(Timestamps::sortable).orElse(null));
        item.setVerifiedAt(r.verifiedAt().map(Timestamps::sortable).orElse(null));
        List<Map<String, String>> events = new ArrayList<>();
        for (RequestEvent e : r.events()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("at", Timestamps.sortable(e.at()));
            m.put("kind", e.kind());
            m.put("actor", e.actor());
            e.note().ifPresent(n -> m.put("note", n));
            events.add(m);
        }
        item.setEvents(events);
        item.setIntake(r.intake().isEmpty() ? null : new LinkedHashMap<>(r.intake()));
        item.setVersion(r.version());
        // a closed request is kept, minimised, as evidence; its clock starts when it closes
        Optional<Instant> closed = r.status().isOpen() ? Optional.empty()
                : Optional.of(r.events().get(r.events().size() - 1).at());
        Retention.apply(fi.dentalsystems.register.core.retention.DataCategory.CLOSED_REQUEST, closed,
                r.events().isEmpty() ? r.receivedAt() : r.events().get(r.events().size() - 1).at(), (at, bucket) -> {
            item.setPurgeAt(at);
            item.setPurgeBucket(bucket);
        });
        return item;
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }

    private static DataSubjectRequest toRequest(RequestItem i) {
        Optional<Extension> extension = Optional.ofNullable(i.getExtensionMonths())
                .map(m -> new Extension(m, i.getExtensionReason(), Instant.parse(i.getExtendedAt())));
        List<RequestEvent> events = new ArrayList<>();
        if (i.getEvents() != null) {
            for (Map<String, String> m : i.getEvents()) {
                events.add(new RequestEvent(Instant.parse(m.get("at")), m.get("kind"), m.get("actor"),
                        Optional.ofNullable(m.get("note"))));
            }
        }
        return new DataSubjectRequest(i.getRequestId(), RequestType.valueOf(i.getType()),
                RequestStatus.valueOf(i.getStatus()), RequestChannel.valueOf(i.getChannel()),
                Instant.parse(i.getReceivedAt()), Instant.parse(i.getOriginalDueAt()), Instant.parse(i.getDueAt()),
                extension, i.getEmail(), Optional.ofNullable(i.getName()), Optional.ofNullable(i.getDetails()),
                Language.valueOf(i.getLanguage()), Optional.ofNullable(i.getTokenHash()),
                instant(i.getTokenExpiresAt()), instant(i.getVerifiedAt()), events,
                i.getIntake() == null ? Map.of() : i.getIntake(), i.getVersion());
    }
}
