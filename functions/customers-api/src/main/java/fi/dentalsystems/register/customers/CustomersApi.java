package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.http.LegalHoldRoutes;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.http.Route;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.domain.StaffGroup;

import java.util.List;
import java.util.Set;

import static fi.dentalsystems.register.core.http.ProcessorAccess.addsHistory;
import static fi.dentalsystems.register.core.http.ProcessorAccess.changesCustomers;
import static fi.dentalsystems.register.core.http.ProcessorAccess.listFor;
import static fi.dentalsystems.register.core.http.ProcessorAccess.reads;

/**
 * The route table of the customers API: which route runs what, and who may call it. A contracted
 * processor may call the routes that read or write what its contract's purposes cover (seed §9,
 * decision 0011); creating, ending and deleting records, holds, the audit trail and the record of
 * processing stay with the controller.
 */
public final class CustomersApi {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<StaffGroup> STAFF = Set.of(StaffGroup.ADMIN, StaffGroup.STAFF);
    private static final Set<StaffGroup> ADMIN = Set.of(StaffGroup.ADMIN);
    private static final Set<StaffGroup> STAFF_OR_SERVICE = Set.of(StaffGroup.ADMIN, StaffGroup.STAFF, StaffGroup.SERVICE);

    private CustomersApi() {
    }

    public static HttpApiAdapter create(Register register) {
        CustomerRoutes customers = new CustomerRoutes(register);
        ContactRoutes contacts = new ContactRoutes(register);
        HistoryRoutes history = new HistoryRoutes(register);
        RecipientRoutes recipients = new RecipientRoutes(register);
        AuditRoutes audit = new AuditRoutes(register);
        PurgeReportRoutes purgeReports = new PurgeReportRoutes(register);
        CredentialRoutes credentials = new CredentialRoutes(register);
        RecordsOfProcessingRoute recordsOfProcessing = new RecordsOfProcessingRoute(register::description);
        LegalHoldRoutes customerHold = new LegalHoldRoutes(HoldTarget.CUSTOMER, "customerId", register.holds(),
                register.audit(), register.clock());
        LegalHoldRoutes contactHold = new LegalHoldRoutes(HoldTarget.CONTACT, "contactId", register.holds(),
                register.audit(), register.clock());
        return new HttpApiAdapter(List.of(
                new Route("POST /customers", STAFF, customers::create),
                new Route("GET /customers", STAFF, reads(RegisterTable.CUSTOMERS), customers::list),
                new Route("GET /customers/{customerId}", STAFF, reads(RegisterTable.CUSTOMERS), customers::get),
                new Route("PATCH /customers/{customerId}", STAFF, changesCustomers(), customers::patch),
                new Route("POST /customers/{customerId}/end", STAFF, customers::end),
                new Route("POST /customers/{customerId}/contacts", STAFF, contacts::create),
                new Route("GET /customers/{customerId}/contacts", STAFF, reads(RegisterTable.CONTACTS),
                        contacts::ofCustomer),
                new Route("GET /contacts", STAFF, reads(RegisterTable.CONTACTS), contacts::byEmail),
                new Route("GET /contacts/{contactId}", STAFF, reads(RegisterTable.CONTACTS), contacts::get),
                new Route("PATCH /contacts/{contactId}", STAFF, contacts::patch),
                new Route("DELETE /contacts/{contactId}", STAFF, contacts::delete),
                new Route("POST /customers/{customerId}/history", STAFF, addsHistory(), history::add),
                new Route("GET /customers/{customerId}/history", STAFF, reads(RegisterTable.HISTORY), history::list),
                new Route("PATCH /customers/{customerId}/history/{entryId}", STAFF, history::correct),
                new Route("GET /marketing/recipients", STAFF, listFor(Purpose.DIRECT_MARKETING),
                        recipients::marketing),
                new Route("GET /notifications/recipients", STAFF, listFor(Purpose.FAULT_NOTICES),
                        recipients::faultNotices),
                new Route("GET /contacts/{contactId}/credentials", STAFF_OR_SERVICE, reads(RegisterTable.CREDENTIALS),
                        credentials::list),
                new Route("PUT /contacts/{contactId}/credentials/{service}", STAFF_OR_SERVICE, credentials::put),
                new Route("DELETE /contacts/{contactId}/credentials/{service}", STAFF_OR_SERVICE, credentials::delete),
                new Route("GET /audit", ADMIN, audit::forTarget),
                new Route("GET /audit/integrity", ADMIN, audit::integrity),
                new Route("GET /purge/reports", ADMIN, purgeReports::list),
                new Route("GET /records-of-processing", ADMIN, recordsOfProcessing::get),
                new Route("GET /customers/{customerId}/hold", ADMIN, customerHold::get),
                new Route("PUT /customers/{customerId}/hold", ADMIN, customerHold::put),
                new Route("DELETE /customers/{customerId}/hold", ADMIN, customerHold::delete),
                new Route("GET /contacts/{contactId}/hold", ADMIN, contactHold::get),
                new Route("PUT /contacts/{contactId}/hold", ADMIN, contactHold::put),
                new Route("DELETE /contacts/{contactId}/hold", ADMIN, contactHold::delete)),
                MAX_BODY_BYTES, register.processors());
    }
}
