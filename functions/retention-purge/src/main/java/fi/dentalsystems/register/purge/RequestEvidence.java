package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Instant;

/**
 * A closed request's first clock (issue 11, docs/decisions/0009): its content goes and the evidence
 * stays, in one write conditional on it still being due, unminimised and not held
 * ({@code RequestRepository.reduceToEvidence}); the item then carries its second clock.
 */
@FunctionalInterface
interface RequestEvidence {
    RequestRepository.Reduction reduce(String requestId, Instant now);
}
