package fi.dentalsystems.register.core.audit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The digest store a function is configured with: {@code AUDIT_DIGEST_FOLDER} (the local runtime,
 * the tests) or {@code AUDIT_DIGEST_BUCKET} (AWS). The S3 client is made on first use, so a
 * function that never verifies pays nothing for it at its cold start.
 */
public final class DigestStores {
    private DigestStores() {
    }

    public static DigestStore configured(Function<String, Optional<String>> variables) {
        Optional<String> folder = variables.apply("AUDIT_DIGEST_FOLDER");
        if (folder.isPresent()) {
            return new FolderDigestStore(Path.of(folder.get()));
        }
        return new Lazy(S3DigestStore::fromEnvironment);
    }

    private static final class Lazy implements DigestStore {
        private final Supplier<DigestStore> make;
        private volatile DigestStore store;

        Lazy(Supplier<DigestStore> make) {
            this.make = make;
        }

        private DigestStore store() {
            DigestStore s = store;
            if (s == null) {
                synchronized (this) {
                    s = store;
                    if (s == null) {
                        s = make.get();
                        store = s;
                    }
                }
            }
            return s;
        }

        @Override
        public boolean putIfAbsent(LocalDate day, byte[] digest) {
            return store().putIfAbsent(day, digest);
        }

        @Override
        public Optional<Stored> get(LocalDate day) {
            return store().get(day);
        }
    }
}
