package fi.dentalsystems.register.core.audit;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the daily audit digests are kept so that no function can change them (decision 0012): an
 * S3 bucket with Object Lock in compliance mode in AWS, a folder locally. A digest is written
 * once; a second version of a day's digest is itself a sign of tampering.
 */
public interface DigestStore {
    /** A stored digest: its first version's bytes, and how many versions the key has. */
    record Stored(byte[] content, int versions) {
        public Stored {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** Stores the day's digest unless one is there; true when this call stored it. */
    boolean putIfAbsent(LocalDate day, byte[] digest);

    Optional<Stored> get(LocalDate day);

    static String keyOf(LocalDate day) {
        return "digests/" + day + ".txt";
    }
}
