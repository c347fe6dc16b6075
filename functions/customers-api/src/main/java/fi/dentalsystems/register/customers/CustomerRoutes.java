package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RestrictedRecordException;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.Paging;
import fi.dentalsystems.register.core.http.Preconditions;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.http.ProblemType;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.validation.BusinessId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Staff routes of customer organisations: create, list, read, change, end. */
final class CustomerRoutes {
    private final Register register;

    CustomerRoutes(Register register) {
        this.register = register;
    }

    ApiResponse create(ApiRequest request) {
        JsonFields f = JsonFields.parse(requireBody(request));
        Optional<String> name = RegisterFields.name(f, "name", true);
        Optional<String> businessId = RegisterFields.businessId(f);
        Optional<String> email = RegisterFields.email(f, true);
        Optional<String> phone = RegisterFields.phone(f, true);
        Optional<BillingAddress> address = RegisterFields.billingAddress(f, true);
        Optional<String> eInvoice = RegisterFields.eInvoiceAddress(f);
        boolean marketingOptOut = f.optionalBoolean("marketingOptOut").orElse(false);
        f.finish();

        Instant now = register.clock().instant();
        Customer customer = new Customer(Customer.ID_PREFIX + Ulid.next(now), name.orElseThrow(),
                businessId.orElseThrow(), email.orElseThrow(), phone.orElseThrow(), address.orElseThrow(), eInvoice,
                CustomerStatus.ACTIVE, Optional.empty(), marketingOptOut, Optional.empty(), now, now, 0);
        // a business id already registered is a 409 naming the existing customer (ProblemMapping)
        Customer created = register.customers().create(customer);
        register.audit().record(access(request), AuditAction.CREATE, target(created));
        return withEtag(ApiResponse.json(201, Json.write(Representations.customer(created, request.disclosure()))),
                created)
                .withHeader("location", "/customers/" + created.customerId());
    }

    ApiResponse list(ApiRequest request) {
        Paging paging = Paging.of(request);
        Optional<String> q = request.query("q").map(String::strip);
        if (q.isPresent() && q.get().length() > 100) {
            throw ProblemException.invalidField("q", "must be at most 100 characters");
        }
        Optional<CustomerStatus> status = request.query("status").map(s -> {
            try {
                return CustomerStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be one of [ACTIVE, ENDED]");
            }
        });
        Disclosure disclosure = request.disclosure();
        // a business id finds its customer only for a caller who may see business ids (no lookup by what is hidden)
        Optional<String> businessId = q.flatMap(BusinessId::parse).map(BusinessId::value)
                .filter(id -> disclosure.shows(RegisterTable.CUSTOMERS, "businessId"));
        var filter = new CustomerRepository.ListFilter(businessId.isPresent() ? Optional.empty() : q, businessId, status);
        Page<Customer> all = register.customers().list(filter, paging.limit(), paging.cursor());
        // a restricted record (GDPR art. 18: kept under the Accounting Act after an erasure) is in no list or search
        Page<Customer> page = new Page<>(all.items().stream().filter(c -> c.restriction().isEmpty())
                .filter(disclosure::concerns).toList(), all.nextCursor());
        register.audit().record(access(request), AuditAction.READ,
                page.items().stream().map(CustomerRoutes::target).toList());
        return ApiResponse.json(200, Json.write(Representations.page(page, c -> Representations.customer(c, disclosure))));
    }

    ApiResponse get(ApiRequest request) {
        Customer customer = load(request);
        return withEtag(ApiResponse.json(200, Json.write(Representations.customer(customer, request.disclosure()))),
                customer);
    }

    ApiResponse patch(ApiRequest request) {
        long expected = Preconditions.requiredIfMatch(request);
        Optional<String> correcting = correctionRequest(request);
        JsonFields f = JsonFields.parse(requireBody(request));
        // a processor changes only what its purposes cover: the rest is refused by name before anything is read
        request.requireWritable(RegisterTable.CUSTOMERS, f.names(),
                field -> field.equals("billingAddress") ? BILLING_ADDRESS : List.of(field));
        if (f.has("businessId")) {
            f.error("businessId", "cannot be changed; a new business id is a new customer");
        }
        for (String readOnly : new String[] {"customerId", "status", "endedAt", "createdAt", "updatedAt", "version"}) {
            if (f.has(readOnly)) {
                f.error(readOnly, "is read-only");
            }
        }
        Optional<String> name = RegisterFields.name(f, "name", false);
        Optional<String> email = RegisterFields.email(f, false);
        Optional<String> phone = RegisterFields.phone(f, false);
        Optional<BillingAddress> address = RegisterFields.billingAddress(f, false);
        boolean eInvoiceGiven = f.has("eInvoiceAddress");
        boolean eInvoiceCleared = eInvoiceGiven && f.isNullOrAbsent("eInvoiceAddress");
        Optional<String> eInvoice = RegisterFields.eInvoiceAddress(f);
        Optional<Boolean> optOut = f.optionalBoolean("marketingOptOut");
        if (name.isEmpty() && email.isEmpty() && phone.isEmpty() && address.isEmpty() && !eInvoiceGiven
                && optOut.isEmpty() && !f.hasErrors()) {
            f.error("body", "must change at least one field");
        }
        f.finish();

        Customer current = load(request);
        Preconditions.check(expected, current.version());
        AuditLog.Access audited = correctionAccess(register, request, correcting, current.email(),
                current.restriction().isPresent(), TargetType.CUSTOMER);
        Customer changed = current.withName(name.orElse(current.name()))
                .withEmail(email.orElse(current.email()))
                .withPhone(phone.orElse(current.phone()))
                .withBillingAddress(address.orElse(current.billingAddress()))
                .withEInvoiceAddress(eInvoiceCleared ? Optional.empty() : eInvoice.or(current::eInvoiceAddress))
                .withMarketingOptOut(optOut.orElse(current.marketingOptOut()))
                .withUpdatedAt(register.clock().instant());
        Customer saved = register.customers().update(changed);
        register.audit().record(audited, AuditAction.UPDATE, target(saved));
        return withEtag(ApiResponse.json(200, Json.write(Representations.customer(saved, request.disclosure()))), saved);
    }

    ApiResponse end(ApiRequest request) {
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        request.body().filter(b -> !b.isBlank()).ifPresent(b -> JsonFields.parse(b).finish());
        Customer current = load(request);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        if (!current.isActive()) {
            throw new ProblemException(ProblemType.CONFLICT, "The customer relationship has already ended.");
        }
        Instant now = register.clock().instant();
        Customer saved = register.customers().update(current.ended(now));
        // the end starts the contacts' retention clocks (DESIGN.md: relationship ends + 24 months)
        var contacts = register.contacts().ofCustomer(saved.customerId());
        for (var contact : contacts) {
            startContactClock(contact.contactId(), now);
        }
        List<AuditTarget> targets = new java.util.ArrayList<>();
        targets.add(target(saved));
        contacts.forEach(c -> targets.add(new AuditTarget(TargetType.CONTACT, c.contactId())));
        register.audit().record(access(request), AuditAction.UPDATE, targets);
        return withEtag(ApiResponse.json(200, Json.write(Representations.customer(saved, request.disclosure()))), saved);
    }

    /** Re-writes the contact so its retention clock runs from the relationship's end. */
    private void startContactClock(String contactId, Instant endedAt) {
        register.contacts().modify(contactId, Optional::of, customerId -> Optional.of(endedAt));
    }

    Customer load(ApiRequest request) {
        return load(register, request, request.pathParameter("customerId"));
    }

    /** The customer, if the caller may see it: a processor does not see one kept only because a law requires it. */
    static Customer load(Register register, ApiRequest request, String customerId) {
        if (!fi.dentalsystems.register.core.domain.Ulid.isId(customerId, Customer.ID_PREFIX)) {
            throw ProblemException.notFound("customer");
        }
        Customer customer = register.customers().find(customerId).filter(request.disclosure()::concerns)
                .orElseThrow(() -> ProblemException.notFound("customer"));
        // every route that loads the customer read its record: audited here, once (issue 14)
        register.audit().record(access(request), AuditAction.READ, target(customer));
        return customer;
    }

    static String requireBody(ApiRequest request) {
        return request.body().orElseThrow(() -> ProblemException.invalidField("body", "is required"));
    }

    static AuditLog.Access access(ApiRequest request) {
        return access(request, Purpose.CUSTOMER_RELATIONSHIP);
    }

    /** The attributes a body's {@code billingAddress} is stored in. */
    private static final List<String> BILLING_ADDRESS = List.of("street", "postalCode", "city", "country");

    /**
     * The request a correction names in {@code X-Data-Subject-Request}, its form checked before the
     * body is read; whether it warrants the correction is checked once the record is loaded.
     */
    static Optional<String> correctionRequest(ApiRequest request) {
        Optional<String> dsr = request.header("x-data-subject-request").map(String::strip);
        if (dsr.isEmpty()) {
            return dsr;
        }
        if (request.processor().isPresent()) {
            // answering a data-subject request is the controller's (GDPR art. 12): its staff make the correction
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Corrections for a data subject's request are made by the controller's staff.");
        }
        if (!fi.dentalsystems.register.core.domain.Ulid.isId(dsr.get(),
                fi.dentalsystems.register.core.domain.DataSubjectRequest.ID_PREFIX)) {
            throw ProblemException.invalidField("X-Data-Subject-Request", "must be a request id such as req_…");
        }
        return dsr;
    }

    /**
     * Who writes, and under which purpose: a correction names a RECTIFICATION request that warrants
     * it (open, about this record's person: {@code Rectifications}) and is audited as
     * {@code rectification:<requestId>}; without one, a restricted record is not written (GDPR art. 18(2)).
     */
    static AuditLog.Access correctionAccess(Register register, ApiRequest request, Optional<String> correcting,
                                            String recordEmail, boolean restricted, TargetType kind) {
        if (correcting.isEmpty()) {
            RestrictedRecordException.refuseIf(restricted, kind);
            return access(request);
        }
        register.rectifications().warrant(correcting.get(), recordEmail);
        return new AuditLog.Access(request.caller(), request.routeKey(), request.requestId(),
                "rectification:" + correcting.get());
    }

    /** Staff act under the route's purpose; a processor under its contract's purpose for the route, named with it. */
    static AuditLog.Access access(ApiRequest request, Purpose purpose) {
        return request.audited(purpose);
    }

    static AuditTarget target(Customer customer) {
        return new AuditTarget(TargetType.CUSTOMER, customer.customerId());
    }

    private static ApiResponse withEtag(ApiResponse response, Customer customer) {
        return response.withHeader("etag", Preconditions.etag(customer.version()));
    }
}
