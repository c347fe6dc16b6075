package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;

import java.util.Optional;

/**
 * Whether a route is open to a contracted processor, and under which purpose it then acts (the
 * audit item names it): seed §9, processors process "only to the extent and in the way that their
 * contracts define" (GDPR art. 28(3)(a)). A route a processor's purposes do not need answers 403.
 * The rule is a route's; which fields and records the answer then holds is {@link Disclosure}'s.
 */
public sealed interface ProcessorAccess {
    /** The purpose the processor acts under on this route; empty: the route is not open to it. */
    Optional<Purpose> purposeFor(Processor processor);

    /** Never open to a processor: the controller's own decisions and records (create, end, delete, requests, audit, holds). */
    ProcessorAccess NONE = new Never();

    /** Reads records of a table: open when some attribute of the table serves one of the processor's purposes. */
    static ProcessorAccess reads(RegisterTable table) {
        return new Reads(table);
    }

    /** A list made for one purpose (marketing, fault notices): open to processors of that purpose. */
    static ProcessorAccess listFor(Purpose purpose) {
        return new ListFor(purpose);
    }

    /** Changes customers' fields: open when the contract lets it ({@code customers}) and it reads customers. */
    static ProcessorAccess changesCustomers() {
        return new Writes(RegisterTable.CUSTOMERS, true);
    }

    /** Adds customer-history entries: open when the contract names channels it may add ({@code history:…}). */
    static ProcessorAccess addsHistory() {
        return new Writes(RegisterTable.HISTORY, false);
    }

    record Never() implements ProcessorAccess {
        @Override
        public Optional<Purpose> purposeFor(Processor processor) {
            return Optional.empty();
        }
    }

    record Reads(RegisterTable table) implements ProcessorAccess {
        @Override
        public Optional<Purpose> purposeFor(Processor processor) {
            // the first of its purposes in Purpose's order that the table's data serves
            return Disclosure.forPurposes(processor.purposes()).servedIn(table).stream().findFirst();
        }
    }

    record ListFor(Purpose purpose) implements ProcessorAccess {
        @Override
        public Optional<Purpose> purposeFor(Processor processor) {
            return processor.purposes().contains(purpose) ? Optional.of(purpose) : Optional.empty();
        }
    }

    record Writes(RegisterTable table, boolean customers) implements ProcessorAccess {
        @Override
        public Optional<Purpose> purposeFor(Processor processor) {
            boolean granted = customers ? processor.writes().customers() : processor.writes().mayAddHistory();
            return granted ? new Reads(table).purposeFor(processor) : Optional.empty();
        }
    }
}
