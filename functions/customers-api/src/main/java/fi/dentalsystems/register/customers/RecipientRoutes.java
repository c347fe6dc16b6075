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
        Page<Contact> candidates = register.contacts().notObjecting(contact -> !contact.isRestricted() && customers
                        .computeIfAbsent(contact.customerId(), register.customers()::find)
                        .map(c -> c.isActive() && !c.marketingOptOut()).orElse(false),
                paging.limit(), paging.cursor());
        // the suppression list outlives contacts: a person re-added later under the same address stays out
        Map<String, String> keyOf = new HashMap<>();
        candidates.items().forEach(c -> keyOf.put(c.contactId(), suppressionKeys.of(c.email())));
        var suppressed = register.suppression().suppressedAmong(keyOf.values());
        Page<Contact> page = new Page<>(candidates.items().stream()
                .filter(c -> !suppressed.contains(keyOf.get(c.contactId()))).toList(), candidates.nextCursor());
        register.audit().record(access(request, Purpose.DIRECT_MARKETING), AuditAction.READ,
                ContactRoutes.targets(page.items()));
        return ApiResponse.json(200, Json.write(Representations.page(page, RecipientRoutes::recipient)));
    }

    ApiResponse faultNotices(ApiRequest request) {
        String customerId = request.query("customerId")
                .orElseThrow(() -> ProblemException.invalidField("customerId", "is required"));
        Customer customer = CustomerRoutes.load(register, customerId);
        List<Contact> recipients = register.contacts().ofCustomer(customer.customerId()).stream()
                .filter(c -> c.receivesFaultNotices() && !c.isRestricted()).toList();
        register.audit().record(access(request, Purpose.FAULT_NOTICES), AuditAction.READ,
                ContactRoutes.targets(recipients));
        return ApiResponse.json(200, Json.write(Representations.list(recipients, RecipientRoutes::recipient)));
    }

    private static Map<String, Object> recipient(Contact c) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("contactId", c.contactId());
        m.put("customerId", c.customerId());
        m.put("name", c.name());
        m.put("email", c.email());
        m.put("roles", c.roles().stream().map(Enum::name).sorted().toList());
        return m;
    }
}
