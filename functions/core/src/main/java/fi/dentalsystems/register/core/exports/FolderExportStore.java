package fi.dentalsystems.register.core.exports;

import fi.dentalsystems.register.core.store.FolderWrites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The local stand-in of the export bucket: {@code root/key} (by default .local/exports/). */
public final class FolderExportStore implements ExportStore {
    private final Path root;

    public FolderExportStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] document) {
        Path file = file(key);
        try {
            return FolderWrites.createOnce(file, document, ".export");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the export", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(file(key)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the export", e);
        }
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("key outside the store");
        }
        return file;
    }
}
