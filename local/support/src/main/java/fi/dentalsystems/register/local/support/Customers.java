package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.Ulid;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customer organisations and their contact people for tests, as the register holds them before
 * they are stored (version 0): fictional data, fresh ids. A test changes what it asserts on with
 * the records' own {@code with…} methods.
 */
public final class Customers {
    /** When the fixtures' records are made: the day the register's tests are set on. */
    public static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private static final AtomicInteger BUSINESS_IDS = new AtomicInteger(9_000);

    private Customers() {
    }

    /** An active customer with a business id no other fixture hands out. */
    public static Customer aCustomer() {
        return aCustomer(SampleBusinessIds.nth(BUSINESS_IDS.incrementAndGet()));
    }

    /** An active customer with this business id (a test that names it in an assertion). */
    public static Customer aCustomer(String businessId) {
        return new Customer(Customer.ID_PREFIX + Ulid.next(AT), "Klinikka Oy", businessId, "office@klinikka.example",
                "+358912345678", new BillingAddress("Katu 1", "00100", "Helsinki", "FI"), Optional.empty(),
                CustomerStatus.ACTIVE, Optional.empty(), false, Optional.empty(), AT, AT, 0);
    }

    /** A technical contact of the customer with this address, from the customer, without a phone. */
    public static Contact aContact(Customer customer, String email) {
        return new Contact(Contact.ID_PREFIX + Ulid.next(AT), customer.customerId(), "Aino Testi", email, Optional.empty(),
                Set.of(ContactRole.TECHNICAL), DataSource.CUSTOMER, Optional.empty(), AT, AT, 0);
    }
}
