package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.RestrictedRecordException;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.Paging;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.http.ProblemType;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.Page;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import static fi.dentalsystems.register.customers.CustomerRoutes.access;
import static fi.dentalsystems.register.customers.CustomerRoutes.requireBody;

/** Staff routes of customer history (seed §5): append and read, newest first. */
final class HistoryRoutes {
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final Register register;

    HistoryRoutes(Register register) {
        this.register = register;
    }

    ApiResponse add(ApiRequest request) {
        JsonFields f = JsonFields.parse(requireBody(request));
        Optional<HistoryChannel> channel = f.requiredEnum("channel", HistoryChannel.class);
        request.processor().filter(p -> channel.isPresent() && !p.writes().mayAddHistory(channel.get()))
                .ifPresent(p -> {
                    // the contract names the kinds of entry a processor records (a helpdesk: its support tickets)
                    throw new ProblemException(ProblemType.FORBIDDEN,
                            "Your contract does not cover history entries of this channel.");
                });
        Optional<String> summary = RegisterFields.summary(f);
        Optional<String> contactId = f.optionalText("contactId", 40);
        Instant now = register.clock().instant();
        Optional<Instant> occurredAt = f.optionalParsed("occurredAt", 40, HistoryRoutes::instant,
                "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not in the future");
        occurredAt.filter(t -> t.isAfter(now.plus(CLOCK_SKEW)) || t.isBefore(EARLIEST))
                .ifPresent(t -> f.error("occurredAt", "must not be in the future or before 2000"));
        Optional<DataSource> source = f.requiredEnum("source", DataSource.class);
        f.finish();

        Customer customer = CustomerRoutes.load(register, request, request.pathParameter("customerId"));
        // nothing new is recorded about a restricted organisation or person (GDPR art. 18(2))
        RestrictedRecordException.refuseIf(customer.restriction().isPresent(), TargetType.CUSTOMER);
        if (contactId.isPresent()) {
            // a processor links an entry only to a person it may see; any other is, to it, no contact here
            Optional<Contact> about = Ulid.isId(contactId.get(), Contact.ID_PREFIX)
                    ? register.contacts().find(contactId.get()).filter(request.disclosure()::concerns)
                    : Optional.empty();
            // the record the route read is audited whatever it turns out to be (issue 14: every read audited)
            about.ifPresent(c -> register.audit().record(access(request), AuditAction.READ, ContactRoutes.target(c)));
            if (about.filter(c -> c.customerId().equals(customer.customerId())).isEmpty()) {
                throw ProblemException.invalidField("contactId",
                        "is not a contact of this customer");
            }
            RestrictedRecordException.refuseIf(about.get().isRestricted(), TargetType.CONTACT);
        }
        HistoryEntry entry = register.history().add(new HistoryEntry(customer.customerId(),
                HistoryEntry.ID_PREFIX + Ulid.next(now), occurredAt.orElse(now), channel.orElseThrow(),
                summary.orElseThrow(), contactId, source.orElseThrow(), request.caller().subject(), now));
        register.audit().record(access(request), AuditAction.CREATE,
                new AuditTarget(TargetType.HISTORY_ENTRY, entry.entryId()));
        return ApiResponse.json(201, Json.write(Representations.historyEntry(entry, request.disclosure())));
    }

    ApiResponse list(ApiRequest request) {
        Paging paging = Paging.of(request);
        Customer customer = CustomerRoutes.load(register, request, request.pathParameter("customerId"));
        Page<HistoryEntry> all = register.history().ofCustomer(customer.customerId(), paging.limit(), paging.cursor());
        // entries about a restricted person stay out of the list while the restriction lasts; an entry
        // about a person a processor may not see comes with that person, so it stays out too
        Disclosure disclosure = request.disclosure();
        java.util.Set<String> hidden = new java.util.HashSet<>();
        List<AuditTarget> people = new java.util.ArrayList<>();
        all.items().stream().flatMap(e -> e.contactId().stream()).distinct().forEach(id -> register.contacts().find(id)
                .ifPresent(c -> {
                    // read to decide what the list may show: the read is audited too (issue 14)
                    people.add(ContactRoutes.target(c));
                    if (c.isRestricted() || !disclosure.concerns(c)) {
                        hidden.add(id);
                    }
                }));
        register.audit().record(access(request), AuditAction.READ, people);
        Page<HistoryEntry> page = new Page<>(all.items().stream()
                .filter(e -> e.contactId().map(id -> !hidden.contains(id)).orElse(true)).toList(), all.nextCursor());
        register.audit().record(access(request), AuditAction.READ, page.items().stream()
                .map(e -> new AuditTarget(TargetType.HISTORY_ENTRY, e.entryId())).toList());
        return ApiResponse.json(200, Json.write(Representations.page(page, e -> Representations.historyEntry(e, disclosure))));
    }

    /**
     * Corrects an entry of the past (GDPR art. 16): only for a rectification request that concerns
     * the entry's person — the contact it is about, else the customer organisation's own address (a
     * sole trader) — named in {@code X-Data-Subject-Request}. History is otherwise never edited. The
     * summary (guarded free text) and the channel may change; when and by whom it was recorded stay.
     */
    ApiResponse correct(ApiRequest request) {
        Optional<String> correcting = CustomerRoutes.correctionRequest(request);
        if (correcting.isEmpty()) {
            throw ProblemException.invalidField("X-Data-Subject-Request",
                    "is required: history is corrected only for a rectification request");
        }
        JsonFields f = JsonFields.parse(requireBody(request));
        for (String readOnly : new String[] {"entryId", "customerId", "occurredAt", "contactId", "source",
                "recordedBy", "createdAt"}) {
            if (f.has(readOnly)) {
                f.error(readOnly, "is read-only");
            }
        }
        Optional<String> summary = RegisterFields.optionalSummary(f);
        Optional<HistoryChannel> channel = f.optionalEnum("channel", HistoryChannel.class);
        if (summary.isEmpty() && channel.isEmpty() && !f.hasErrors()) {
            f.error("body", "must change at least one field");
        }
        f.finish();

        Customer customer = CustomerRoutes.load(register, request, request.pathParameter("customerId"));
        String entryId = request.pathParameter("entryId");
        HistoryEntry entry = (Ulid.isId(entryId, HistoryEntry.ID_PREFIX)
                ? register.history().find(customer.customerId(), entryId) : Optional.<HistoryEntry>empty())
                .orElseThrow(() -> ProblemException.notFound("history entry"));
        String personEmail = entry.contactId().flatMap(register.contacts()::find).map(Contact::email)
                .orElse(customer.email());
        var audited = CustomerRoutes.correctionAccess(register, request, correcting, personEmail, false,
                TargetType.HISTORY_ENTRY);
        HistoryEntry saved = register.history().correct(entry.corrected(summary.orElse(entry.summary()),
                channel.orElse(entry.channel()))).orElseThrow(() -> ProblemException.notFound("history entry"));
        register.audit().record(audited, AuditAction.UPDATE, new AuditTarget(TargetType.HISTORY_ENTRY, saved.entryId()));
        return ApiResponse.json(200, Json.write(Representations.historyEntry(saved, request.disclosure())));
    }

    /** An ISO-8601 instant, or empty when the text is not one (the caller names the field). */
    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
