package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.Ulid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A person the register knows at size (issue 17, memory and capacity at size): contact records at
 * several customer organisations, ten contacts per organisation, each with its history entries,
 * and a verified ACCESS request from the person's address — ready for the export. Written through
 * the register's own repositories, a few at a time (seeding 5,000 entries one by one takes long).
 */
public final class PeopleAtSize {
    private static final int CONTACTS_PER_CUSTOMER = 10;
    private static final int IN_FLIGHT = 8;

    private PeopleAtSize() {
    }

    /** What was made: the verified request, and how many records the export will list. */
    public record Person(DataSubjectRequest request, int contacts, int historyEntries) {
        public int exportedItems() {
            return contacts + historyEntries;
        }
    }

    public static Person seed(Register register, String email, int contacts, int entriesPerContact) {
        List<Contact> made = new ArrayList<>();
        Customer customer = null;
        for (int c = 0; c < contacts; c++) {
            if (c % CONTACTS_PER_CUSTOMER == 0) {
                customer = register.customers().create(Customers.aCustomer());
            }
            made.add(register.contacts().create(Customers.aContact(customer, email).withName("Aino Asiakas")));
        }
        ExecutorService writers = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Contact contact : made) {
                for (int e = 0; e < entriesPerContact; e++) {
                    int n = e;
                    writes.add(writers.submit(() -> register.history().add(new HistoryEntry(contact.customerId(),
                            HistoryEntry.ID_PREFIX + Ulid.next(Customers.AT), Customers.AT.minusSeconds(60L * n),
                            HistoryChannel.PHONE, "Support call number " + n + " about the booking calendar and its backups",
                            Optional.of(contact.contactId()), DataSource.PHONE, "staff", Customers.AT))));
                }
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seeding interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed", e.getCause());
        } finally {
            writers.shutdown();
        }
        DataSubjectRequest request = register.requests().create(Requests.aLetter(RequestType.ACCESS, email));
        request = register.requests().update(Requests.verified(request));
        return new Person(request, contacts, contacts * entriesPerContact);
    }
}
