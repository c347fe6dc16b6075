package fi.dentalsystems.register.local.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with template.yaml) from wherever Maven or the dev script runs. */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("register.root", System.getenv("REGISTER_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
