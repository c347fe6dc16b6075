package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Timestamps;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Extension;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.Minimisation;
import fi.dentalsystems.register.core.domain.Redaction;
import fi.dentalsystems.register.core.retention.DataCategory;
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

    /**
     * How many RECEIVED requests were parked by the intake (an {@code intake.parked} reason) and received
     * before {@code cutoff}: counted in the index with a filter and a projection of the id only, so the
     * watch reads no request's personal data and owes no audit entry (GDPR art. 5(1)(c); issue 14).
     */
    public int countParkedReceivedBefore(Instant cutoff) {
        software.amazon.awssdk.enhanced.dynamodb.Expression filter = software.amazon.awssdk.enhanced.dynamodb.Expression
                .builder().expression("attribute_exists(#intake.#parked) AND #received < :cutoff")
                .expressionNames(Map.of("#intake", "intake", "#parked", "parked", "#received", "receivedAt"))
                .expressionValues(Map.of(":cutoff", AttributeValue.fromS(Timestamps.sortable(cutoff)))).build();
        int[] count = {0};
        table.index(RequestItem.BY_STATUS_DUE).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                                .partitionValue(RequestStatus.RECEIVED.name()).build()))
                        .filterExpression(filter).attributesToProject("requestId").build())
                .forEach(p -> count[0] += p.items().size());
        return count[0];
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

    /**
     * Completed ACCESS requests whose export link expired unopened (issue 15), from the byStatusDue
     * index (COMPLETED, every page) with a filter, so only those items leave the table: a link lapses
     * once, and its hash goes when it is recorded.
     */
    public List<DataSubjectRequest> lapsedExportLinks(Instant now) {
        return closedMatching(RequestStatus.COMPLETED, software.amazon.awssdk.enhanced.dynamodb.Expression.builder()
                .expression("#type = :access AND attribute_exists(tokenHash) AND tokenExpiresAt < :now")
                .putExpressionName("#type", "type")
                .putExpressionValue(":access", AttributeValue.fromS(RequestType.ACCESS.name()))
                .putExpressionValue(":now", AttributeValue.fromS(Timestamps.sortable(now))).build());
    }

    /**
     * Closed LETTER requests (seed §9, issue 15: whose original may wait for shredding), every closed
     * status, from the byStatusDue index with a filter: only letters leave the table. The events are a
     * list of maps, which a filter cannot search, so the caller sees which were shredded.
     */
    public List<DataSubjectRequest> closedLetters() {
        List<DataSubjectRequest> letters = new ArrayList<>();
        for (RequestStatus status : RequestStatus.values()) {
            if (!status.isOpen()) {
                letters.addAll(closedMatching(status, software.amazon.awssdk.enhanced.dynamodb.Expression.builder()
                        .expression("channel = :letter")
                        .putExpressionValue(":letter", AttributeValue.fromS(RequestChannel.LETTER.name())).build()));
            }
        }
        return letters;
    }

    private List<DataSubjectRequest> closedMatching(RequestStatus status,
                                                    software.amazon.awssdk.enhanced.dynamodb.Expression filter) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(status.name()).build()))
                .filterExpression(filter).build();
        List<DataSubjectRequest> found = new ArrayList<>();
        table.index(RequestItem.BY_STATUS_DUE).query(query)
                .forEach(page -> page.items().forEach(i -> found.add(toRequest(i))));
        return found;
    }

    /**
     * The other open requests of the same type from the same address (issue 11: the duplicate group),
     * earliest first; from the byEmail index, so a request being written meanwhile may be missed —
     * {@code DuplicateRequests} settles that by converging on the earliest.
     */
    public List<DataSubjectRequest> openOfSameTypeAndAddress(DataSubjectRequest r) {
        if (r.isMinimised() || r.email().isEmpty()) {
            return List.of();
        }
        // filtered in the index: the person's other requests (closed ones, other types) never reach the
        // function, so what it reads is what it audits (issue 14)
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":type", AttributeValue.fromS(r.type().name()));
        List<String> open = new ArrayList<>();
        for (RequestStatus s : RequestStatus.open()) {
            values.put(":" + s.name(), AttributeValue.fromS(s.name()));
            open.add(":" + s.name());
        }
        software.amazon.awssdk.enhanced.dynamodb.Expression filter = software.amazon.awssdk.enhanced.dynamodb.Expression
                .builder().expression("#type = :type AND #status IN (" + String.join(", ", open) + ")")
                .expressionNames(Map.of("#type", "type", "#status", "status")).expressionValues(values).build();
        List<DataSubjectRequest> found = new ArrayList<>();
        table.index(RequestItem.BY_EMAIL).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                                .partitionValue(ContactRepository.emailKey(r.email())).build()))
                        .filterExpression(filter).build())
                .forEach(p -> p.items().forEach(i -> found.add(toRequest(i))));
        return found.stream().filter(o -> !o.requestId().equals(r.requestId()))
                .sorted(java.util.Comparator.comparing(DataSubjectRequest::receivedAt)
                        .thenComparing(DataSubjectRequest::requestId)).toList();
    }

    /**
     * Minimised requests of an address, found by its peppered hash (the byEmail index keys a
     * minimised request by {@value #HASHED_KEY_PREFIX} and the hash): "did you answer my request?"
     * is answerable without keeping the address.
     */
    public List<DataSubjectRequest> withAddressHash(String addressHash) {
        return withEmail(HASHED_KEY_PREFIX + addressHash);
    }

    /** The byEmail key of a minimised request: this prefix and the peppered hash of the address. */
    public static final String HASHED_KEY_PREFIX = "hmac:";

    /** What became of a request the purge met at its first clock. */
    public enum Reduction { MINIMISED, NOT_DUE, GONE }

    /**
     * The purge's first clock on a closed request: reduces it to evidence if, in the same write, it
     * is still the version read, still due, not yet minimised and not on legal hold (the hold is
     * judged by the purge first; the condition re-checks it). Afterwards the item carries its second
     * clock, closed + 36 months (docs/decisions/0009).
     */
    public Reduction reduceToEvidence(String requestId, java.util.function.Function<String, String> addressHash,
                                      Instant now) {
        Optional<DataSubjectRequest> found = find(requestId);
        if (found.isEmpty()) {
            return Reduction.GONE;
        }
        DataSubjectRequest current = found.get();
        if (current.isMinimised() || current.status().isOpen()) {
            return Reduction.NOT_DUE;
        }
        String hash = current.email().isEmpty() ? "" : addressHash.apply(current.email());
        RequestItem item = toItem(current.reducedToEvidence(hash, now));
        software.amazon.awssdk.enhanced.dynamodb.Expression due = software.amazon.awssdk.enhanced.dynamodb.Expression
                .builder().expression("#p <= :now AND attribute_not_exists(#m)"
                        + " AND (attribute_not_exists(#h) OR #h <= :now)")
                .expressionNames(Map.of("#p", PurgeableItem.PURGE_AT, "#m", RequestItem.MINIMISED_AT,
                        "#h", LegalHolds.HOLD_UNTIL))
                .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build();
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(RequestItem.class).item(item).conditionExpression(due)
                    .build());
            return Reduction.MINIMISED;
        } catch (ConditionalCheckFailedException e) {
            return Reduction.NOT_DUE;
        }
    }

    /**
     * Ids (with their lookup keys) of the requests whose lookup key is an address passing {@code matches} (a minimised request's
     * hashed key is skipped): a scan of ids and keys only, for the re-applied erasure (decision 0017).
     */
    public java.util.SortedMap<String, String> idsWithEmailKey(java.util.function.Predicate<String> matches) {
        java.util.SortedMap<String, String> ids = new java.util.TreeMap<>();
        table.scan(software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest.builder()
                        .attributesToProject("requestId", "emailKey").build()).items()
                .forEach(i -> {
                    String key = i.getEmailKey();
                    if (key != null && !key.startsWith(HASHED_KEY_PREFIX) && matches.test(key)) {
                        ids.put(i.getRequestId(), key);
                    }
                });
        return ids;
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
            item.setExtensionReason(e.reason().isEmpty() ? null : e.reason());
            item.setExtendedAt(Timestamps.sortable(e.at()));
        });
        item.setEmail(r.email().isEmpty() ? null : r.email());
        item.setEmailKey(r.minimisation().map(m -> HASHED_KEY_PREFIX + m.addressHash())
                .orElseGet(() -> r.email().isEmpty() ? null : ContactRepository.emailKey(r.email())));
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
        item.setDuplicateOf(r.duplicateOf().orElse(null));
        item.setRemindedAt(r.remindedAt().map(Timestamps::sortable).orElse(null));
        item.setSpentTokenHash(r.spentTokenHash().orElse(null));
        r.minimisation().ifPresent(m -> {
            item.setMinimisedAt(Timestamps.sortable(m.at()));
            item.setAddressHash(m.addressHash().isEmpty() ? null : m.addressHash());
            item.setOutcome(m.outcome());
        });
        List<Map<String, String>> redactions = new ArrayList<>();
        for (Redaction d : r.redactions()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("redactionId", d.redactionId());
            m.put("itemId", d.itemId());
            d.passage().ifPresent(p -> m.put("passage", p));
            m.put("reason", d.reason());
            m.put("by", d.by());
            m.put("at", Timestamps.sortable(d.at()));
            redactions.add(m);
        }
        item.setRedactions(redactions.isEmpty() ? null : redactions);
        item.setVersion(r.version());
        // a closed request has two clocks on one item (docs/decisions/0009): its content goes 30 days
        // after it closed (REQUEST_CONTENT), the minimised evidence 36 months after (CLOSED_REQUEST).
        // purgeAt holds the next one: the first until the purge minimised it, then the second
        Instant lastEvent = r.events().isEmpty() ? r.receivedAt() : r.events().get(r.events().size() - 1).at();
        Instant writtenAt = r.minimisation().map(m -> m.at().isAfter(lastEvent) ? m.at() : lastEvent).orElse(lastEvent);
        Retention.apply(r.isMinimised() ? DataCategory.CLOSED_REQUEST : DataCategory.REQUEST_CONTENT, r.closedAt(),
                writtenAt, (at, bucket) -> {
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
                .map(m -> new Extension(m, Optional.ofNullable(i.getExtensionReason()).orElse(""),
                        Instant.parse(i.getExtendedAt())));
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
                extension, Optional.ofNullable(i.getEmail()).orElse(""), Optional.ofNullable(i.getName()), Optional.ofNullable(i.getDetails()),
                Language.valueOf(i.getLanguage()), Optional.ofNullable(i.getTokenHash()),
                instant(i.getTokenExpiresAt()), instant(i.getVerifiedAt()), events,
                i.getIntake() == null ? Map.of() : i.getIntake(), Optional.ofNullable(i.getDuplicateOf()),
                instant(i.getRemindedAt()), Optional.ofNullable(i.getSpentTokenHash()),
                Optional.ofNullable(i.getMinimisedAt()).map(at -> new Minimisation(Instant.parse(at),
                        Optional.ofNullable(i.getAddressHash()).orElse(""), Optional.ofNullable(i.getOutcome()).orElse(""))),
                i.getRedactions() == null ? List.of() : i.getRedactions().stream().map(m -> new Redaction(
                        m.get("redactionId"), m.get("itemId"), Optional.ofNullable(m.get("passage")), m.get("reason"),
                        m.get("by"), Instant.parse(m.get("at")))).toList(),
                i.getVersion());
    }
}
