package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.Paging;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.Page;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fi.dentalsystems.register.customers.CustomerRoutes.access;

/**
 * Who may be contacted, and for what: direct marketing honours objections (seed §12) and the
 * organisation's opt-out; fault notices (seed §4) are not marketing and reach the technical
 * contacts regardless.
 */
final class RecipientRoutes {
    private final Register register;
    private final SuppressionKey suppressionKeys;

    RecipientRoutes(Register register) {
        this.register = register;
        // resolved here, at init: a function without its pepper fails to start rather than on a call
        this.suppressionKeys = register.suppressionKeys();
    }

    ApiResponse marketing(ApiRequest request) {
        Paging paging = Paging.of(request);
        Map<String, Optional<Customer>> customers = new HashMap<>();
        Disclosure disclosure = request.disclosure();
        Page<Contact> candidates = register.contacts().notObjecting(contact -> !contact.isRestricted()
                        && disclosure.concerns(contact) && customers
                        .computeIfAbsent(contact.customerId(), register.customers()::find)
                        .map(c -> c.isActive() && !c.marketingOptOut() && c.restriction().isEmpty()).orElse(false),
                paging.limit(), paging.cursor());
        // the suppression list outlives contacts: a person re-added later under the same address stays out
        Map<String, String> keyOf = new HashMap<>();
        candidates.items().forEach(c -> keyOf.put(c.contactId(), suppressionKeys.of(c.email())));
        var suppressed = register.suppression().suppressedAmong(keyOf.values());
        Page<Contact> page = new Page<>(candidates.items().stream()
                .filter(c -> !suppressed.contains(keyOf.get(c.contactId()))).toList(), candidates.nextCursor());
        register.audit().record(access(request, Purpose.DIRECT_MARKETING), AuditAction.READ,
                ContactRoutes.targets(page.items()));
        // the organisations read to leave out ended and opted-out ones (issue 14)
        register.audit().record(access(request, Purpose.DIRECT_MARKETING), AuditAction.READ, customers.values().stream()
                .flatMap(Optional::stream).map(CustomerRoutes::target).toList());
        return ApiResponse.json(200, Json.write(Representations.page(page, c -> Representations.recipient(c, disclosure))));
    }

    ApiResponse faultNotices(ApiRequest request) {
        String customerId = request.query("customerId")
                .orElseThrow(() -> ProblemException.invalidField("customerId", "is required"));
        Customer customer = CustomerRoutes.load(register, request, customerId);
        Disclosure disclosure = request.disclosure();
        // a restricted organisation (kept only as the law requires) is sent nothing: no recipients
        List<Contact> recipients = customer.restriction().isPresent() ? List.of()
                : register.contacts().ofCustomer(customer.customerId()).stream()
                .filter(c -> c.receivesFaultNotices() && !c.isRestricted() && disclosure.concerns(c)).toList();
        register.audit().record(access(request, Purpose.FAULT_NOTICES), AuditAction.READ,
                ContactRoutes.targets(recipients));
        return ApiResponse.json(200, Json.write(Representations.list(recipients, c -> Representations.recipient(c, disclosure))));
    }
}
