package fi.dentalsystems.register.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The local stand-in of the inbound bucket: {@code root/bucket/key}. */
public final class FolderRawMailStore implements RawMailStore {
    private final Path root;

    public FolderRawMailStore(Path root) {
        this.root = root;
    }

    @Override
    public byte[] read(String bucket, String key) {
        Path file = root.resolve(bucket).resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("key outside the store");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored message", e);
        }
    }

    public Path write(String bucket, String key, byte[] raw) {
        Path file = root.resolve(bucket).resolve(key).normalize();
        try {
            Files.createDirectories(Objects.requireNonNull(file.getParent(), "a stored message has a folder"));
            Files.write(file, raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the message", e);
        }
        return file;
    }
}
