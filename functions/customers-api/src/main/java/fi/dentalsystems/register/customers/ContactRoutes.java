package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.RestrictedRecordException;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.Preconditions;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.http.ProblemType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.validation.EmailAddress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static fi.dentalsystems.register.customers.CustomerRoutes.access;
import static fi.dentalsystems.register.customers.CustomerRoutes.requireBody;

/** Staff routes of contact persons, users and maintainers (seed §5). */
final class ContactRoutes {
    private final Register register;

    ContactRoutes(Register register) {
        this.register = register;
    }

    ApiResponse create(ApiRequest request) {
        JsonFields f = JsonFields.parse(requireBody(request));
        Optional<String> name = RegisterFields.name(f, "name", true);
        Optional<String> email = RegisterFields.email(f, true);
        Optional<String> phone = RegisterFields.phone(f, false);
        Optional<Set<ContactRole>> roles = f.requiredEnumSet("roles", ContactRole.class);
        Optional<DataSource> source = f.requiredEnum("source", DataSource.class);
        f.finish();

        Customer customer = CustomerRoutes.load(register, request, request.pathParameter("customerId"));
        RestrictedRecordException.refuseIf(customer.restriction().isPresent(), TargetType.CUSTOMER);
        if (!customer.isActive()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "The customer relationship has ended; no new contacts are added.");
        }
        Instant now = register.clock().instant();
        Contact contact = register.contacts().create(new Contact(Contact.ID_PREFIX + Ulid.next(now),
                customer.customerId(), name.orElseThrow(), email.orElseThrow(), phone, roles.orElseThrow(),
                source.orElseThrow(), Optional.empty(), now, now, 0));
        register.audit().record(access(request), AuditAction.CREATE, target(contact));
        return withEtag(ApiResponse.json(201, Json.write(Representations.contact(contact, request.disclosure()))), contact)
                .withHeader("location", "/contacts/" + contact.contactId());
    }

    ApiResponse ofCustomer(ApiRequest request) {
        Customer customer = CustomerRoutes.load(register, request, request.pathParameter("customerId"));
        // restricted people (GDPR art. 18) are left out of every list until the restriction is lifted; a
        // processor gets only the people its purposes concern (a billing service: the billing contacts)
        Disclosure disclosure = request.disclosure();
        List<Contact> contacts = register.contacts().ofCustomer(customer.customerId()).stream()
                .filter(c -> !c.isRestricted()).filter(disclosure::concerns).toList();
        register.audit().record(access(request), AuditAction.READ, targets(contacts));
        return ApiResponse.json(200, Json.write(Representations.list(contacts, c -> Representations.contact(c, disclosure))));
    }

    ApiResponse byEmail(ApiRequest request) {
        String raw = request.query("email")
                .orElseThrow(() -> ProblemException.invalidField("email", "is required"));
        EmailAddress email = EmailAddress.parse(raw)
                .orElseThrow(() -> ProblemException.invalidField("email", "must be an email address"));
        Disclosure disclosure = request.disclosure();
        List<Contact> contacts = register.contacts().withEmail(ContactRepository.emailKey(email.value())).stream()
                .filter(c -> !c.isRestricted()).filter(disclosure::concerns).toList();
        register.audit().record(access(request), AuditAction.READ, targets(contacts));
        return ApiResponse.json(200, Json.write(Representations.list(contacts, c -> Representations.contact(c, disclosure))));
    }

    ApiResponse get(ApiRequest request) {
        Contact contact = load(request);
        return withEtag(ApiResponse.json(200, Json.write(Representations.contact(contact, request.disclosure()))), contact);
    }

    ApiResponse patch(ApiRequest request) {
        long expected = Preconditions.requiredIfMatch(request);
        Optional<String> correcting = CustomerRoutes.correctionRequest(request);
        JsonFields f = JsonFields.parse(requireBody(request));
        for (String readOnly : new String[] {"contactId", "customerId", "marketing", "createdAt", "updatedAt",
                "version"}) {
            if (f.has(readOnly)) {
                f.error(readOnly, "is read-only");
            }
        }
        Optional<String> name = RegisterFields.name(f, "name", false);
        Optional<String> email = RegisterFields.email(f, false);
        boolean phoneGiven = f.has("phone");
        boolean phoneCleared = phoneGiven && f.isNullOrAbsent("phone");
        Optional<String> phone = RegisterFields.phone(f, false);
        Optional<Set<ContactRole>> roles = f.optionalEnumSet("roles", ContactRole.class);
        Optional<DataSource> source = f.optionalEnum("source", DataSource.class);
        if (name.isEmpty() && email.isEmpty() && !phoneGiven && roles.isEmpty() && source.isEmpty()
                && !f.hasErrors()) {
            f.error("body", "must change at least one field");
        }
        f.finish();

        Contact current = load(request);
        Preconditions.check(expected, current.version());
        AuditLog.Access audited = CustomerRoutes.correctionAccess(register, request, correcting, current.email(),
                current.isRestricted(), TargetType.CONTACT);
        Contact changed = current.withName(name.orElse(current.name()))
                .withEmail(email.orElse(current.email()))
                .withPhone(phoneCleared ? Optional.empty() : phone.or(current::phone))
                .withRoles(roles.orElse(current.roles()))
                .withSource(source.orElse(current.source()))
                .withUpdatedAt(register.clock().instant());
        Optional<Customer> owner = register.customers().find(current.customerId());
        owner.ifPresent(c -> register.audit().record(audited, AuditAction.READ, CustomerRoutes.target(c)));
        Optional<Instant> relationshipEnded = owner.flatMap(Customer::endedAt);
        Contact saved = register.contacts().update(changed, relationshipEnded);
        register.audit().record(audited, AuditAction.UPDATE, target(saved));
        return withEtag(ApiResponse.json(200, Json.write(Representations.contact(saved, request.disclosure()))), saved);
    }

    /** Removes the contact and its authentication metadata; customer history stays with the customer. */
    ApiResponse delete(ApiRequest request) {
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        Contact current = load(request);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        // a restricted person's record is kept as it is (art. 18(2)); their erasure request removes it
        RestrictedRecordException.refuseIf(current.isRestricted(), TargetType.CONTACT);
        Instant now = register.clock().instant();
        // a legal hold keeps the record (and its customer's hold, what hangs under it) until it ends
        if (register.holds().find(HoldTarget.CONTACT, current.contactId()).filter(h -> h.isActive(now)).isPresent()
                || register.holds().find(HoldTarget.CUSTOMER, current.customerId()).filter(h -> h.isActive(now)).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "The contact is under a legal hold and cannot be removed until the hold ends or is lifted.");
        }
        // credentials first: if the contact delete then fails, a retry finishes the job; the
        // other order could leave credentials of a contact that no longer exists
        List<String> services = register.credentials().deleteAllOf(current.contactId());
        register.contacts().delete(current.contactId(), current.version());
        List<AuditTarget> targets = new ArrayList<>();
        targets.add(target(current));
        services.forEach(s -> targets.add(new AuditTarget(TargetType.CREDENTIAL, current.contactId() + "/" + s)));
        register.audit().record(access(request), AuditAction.DELETE, targets);
        return ApiResponse.noContent();
    }

    private Contact load(ApiRequest request) {
        return load(register, request);
    }

    /** The contact, if the caller may see it: a processor sees only people its purposes concern, never a restricted one. */
    static Contact load(Register register, ApiRequest request) {
        String contactId = request.pathParameter("contactId");
        if (!Ulid.isId(contactId, Contact.ID_PREFIX)) {
            throw ProblemException.notFound("contact");
        }
        Contact contact = register.contacts().find(contactId).filter(request.disclosure()::concerns)
                .orElseThrow(() -> ProblemException.notFound("contact"));
        // every route that loads the contact read its record: audited here, once (issue 14)
        register.audit().record(CustomerRoutes.access(request), AuditAction.READ, target(contact));
        return contact;
    }

    static AuditTarget target(Contact contact) {
        return new AuditTarget(TargetType.CONTACT, contact.contactId());
    }

    static List<AuditTarget> targets(List<Contact> contacts) {
        return contacts.stream().map(ContactRoutes::target).toList();
    }

    private static ApiResponse withEtag(ApiResponse response, Contact contact) {
        return response.withHeader("etag", Preconditions.etag(contact.version()));
    }
}
