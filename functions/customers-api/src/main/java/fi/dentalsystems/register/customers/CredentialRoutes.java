package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RestrictedRecordException;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.FieldError;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static fi.dentalsystems.register.customers.CustomerRoutes.access;
import static fi.dentalsystems.register.customers.CustomerRoutes.requireBody;

/**
 * Authentication-related data (seed §5): which of the company's services a contact person has an
 * account on, the account name and the last sign-in — metadata only. A field whose name looks like
 * a secret is refused by name before anything is read (data minimisation, GDPR art. 5(1)(c)): the
 * register must never become a store of passwords, hashes or keys. Every write moves the 12-month
 * unused clock (RetentionPolicy, CREDENTIAL).
 */
final class CredentialRoutes {
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]{2,32}");
    /** Parts of a field name that mean a secret; matched case-insensitively anywhere in the name. */
    static final List<String> SECRET_WORDS = List.of("password", "passwd", "passphrase", "secret", "hash", "token",
            "pin", "key", "otp", "totp", "mfa", "salt", "credential", "private");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Register register;

    CredentialRoutes(Register register) {
        this.register = register;
    }

    ApiResponse put(ApiRequest request) {
        Contact contact = contact(request);
        RestrictedRecordException.refuseIf(contact.isRestricted(), TargetType.CONTACT);
        String service = service(request);
        JsonFields f = JsonFields.parse(requireBody(request));
        List<FieldError> secrets = new ArrayList<>();
        f.names().stream().sorted().filter(CredentialRoutes::looksSecret).forEach(name -> secrets.add(
                new FieldError(name, "looks like a secret; the register keeps account metadata only, never secrets")));
        if (!secrets.isEmpty()) {
            throw ProblemException.validation(secrets);
        }
        Optional<String> username = f.requiredText("username", 254);
        Instant now = register.clock().instant();
        Optional<Instant> lastSignInAt = f.optionalParsed("lastSignInAt", 40, HistoryRoutes::instant,
                "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not in the future");
        lastSignInAt.filter(t -> t.isAfter(now.plus(CLOCK_SKEW)))
                .ifPresent(t -> f.error("lastSignInAt", "must not be in the future"));
        f.finish();

        CredentialItem item = new CredentialItem();
        item.setContactId(contact.contactId());
        item.setService(service);
        item.setUsername(username.orElseThrow());
        lastSignInAt.ifPresent(t -> item.setLastSignInAt(t.toString()));
        register.audit().record(access(request, Purpose.SERVICE_DEVELOPMENT), AuditAction.UPDATE, target(contact, service));
        register.credentials().put(item, now);
        return ApiResponse.json(200, Json.write(representation(item, request.disclosure())));
    }

    ApiResponse list(ApiRequest request) {
        Contact contact = contact(request);
        List<CredentialItem> items = register.credentials().ofContact(contact.contactId());
        register.audit().record(access(request, Purpose.SERVICE_DEVELOPMENT), AuditAction.READ,
                items.stream().map(i -> target(contact, i.getService())).toList());
        Disclosure disclosure = request.disclosure();
        return ApiResponse.json(200, Json.write(Map.of("items",
                items.stream().map(i -> representation(i, disclosure)).toList())));
    }

    ApiResponse delete(ApiRequest request) {
        Contact contact = contact(request);
        RestrictedRecordException.refuseIf(contact.isRestricted(), TargetType.CONTACT);
        String service = service(request);
        boolean known = register.credentials().ofContact(contact.contactId()).stream()
                .anyMatch(i -> i.getService().equals(service));
        if (!known) {
            throw ProblemException.notFound("credentials for that service");
        }
        register.audit().record(access(request, Purpose.SERVICE_DEVELOPMENT), AuditAction.DELETE, target(contact, service));
        register.credentials().delete(contact.contactId(), service);
        return ApiResponse.noContent();
    }

    static boolean looksSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(name::contains);
    }

    private Contact contact(ApiRequest request) {
        return ContactRoutes.load(register, request);
    }

    private static String service(ApiRequest request) {
        String service = request.pathParameter("service");
        if (!SERVICE.matcher(service).matches()) {
            throw ProblemException.invalidField("service", "must be 2-32 characters of a-z, 0-9 and -");
        }
        return service;
    }

    /** The audit target: the contact's credential on one service (no username in the audit). */
    private static AuditTarget target(Contact contact, String service) {
        return new AuditTarget(TargetType.CREDENTIAL, contact.contactId() + "/" + service);
    }

    private static Map<String, Object> representation(CredentialItem item, Disclosure disclosure) {
        Shown m = new Shown(disclosure, RegisterTable.CREDENTIALS);
        m.put("contactId", item.getContactId());
        m.put("service", item.getService());
        m.put("username", item.getUsername());
        m.put("lastSignInAt", Optional.ofNullable(item.getLastSignInAt()));
        return m.map();
    }
}
