package fi.dentalsystems.register.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local stand-in of the inbound bucket: {@code root/bucket/key}; a finished message has a
 * {@code key.processed} file beside it (the S3 tag's stand-in).
 */
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

    @Override
    public boolean processed(String bucket, String key) {
        return Files.exists(marker(bucket, key));
    }

    @Override
    public void markProcessed(String bucket, String key) {
        try {
            Files.write(marker(bucket, key), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the message processed", e);
        }
    }

    private Path marker(String bucket, String key) {
        Path file = root.resolve(bucket).resolve(key + ".processed").normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("key outside the store");
        }
        return file;
    }

    /** Removes a stored message (the local SMTP intake, when it answers 4xx and the sender will retry). */
    public void delete(String bucket, String key) {
        Path file = root.resolve(bucket).resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("key outside the store");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the message", e);
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
