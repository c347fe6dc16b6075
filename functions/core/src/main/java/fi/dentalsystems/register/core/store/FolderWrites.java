package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The local stand-ins' write-once file: S3's "put if none" (If-None-Match: *) on a folder. */
public final class FolderWrites {
    private FolderWrites() {
    }

    /**
     * Writes {@code bytes} to {@code file} unless it exists. Written aside, then moved without replacing:
     * a second writer finds the first one's file whole. False when the file was there already.
     */
    @SuppressFBWarnings(value = "PATH_TRAVERSAL_IN",
            justification = "The file is one the calling store resolved inside its own root: the export store "
                    + "refuses keys that normalise outside it, the digest store builds the key from a date")
    public static boolean createOnce(Path file, byte[] bytes, String partPrefix) throws IOException {
        Path folder = Objects.requireNonNull(file.getParent(), "a key inside the store has a parent");
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, partPrefix, ".part");
        Files.write(temp, bytes);
        try {
            Files.move(temp, file);
            return true;
        } catch (FileAlreadyExistsException taken) {
            Files.deleteIfExists(temp);
            return false;
        }
    }
}
