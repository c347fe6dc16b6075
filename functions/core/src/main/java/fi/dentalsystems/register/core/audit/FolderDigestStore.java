package fi.dentalsystems.register.core.audit;

import fi.dentalsystems.register.core.store.FolderWrites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/** The local stand-in of the digest bucket ({@code .local/audit-digests/}): files written once, never replaced. */
public final class FolderDigestStore implements DigestStore {
    private final Path root;

    public FolderDigestStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public boolean putIfAbsent(LocalDate day, byte[] digest) {
        Path file = root.resolve(DigestStore.keyOf(day));
        try {
            return FolderWrites.createOnce(file, digest, ".digest");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the audit digest", e);
        }
    }

    @Override
    public Optional<Stored> get(LocalDate day) {
        try {
            return Optional.of(new Stored(Files.readAllBytes(root.resolve(DigestStore.keyOf(day))), 1));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit digest", e);
        }
    }
}
