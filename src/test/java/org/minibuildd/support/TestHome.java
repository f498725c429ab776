package org.minibuildd.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Homes for daemons under test. They live under /tmp with mode 0755, not in JUnit's 0700 temp dirs: when the
 * suite runs as root the private cluster runs as the mini-buildd user, which must be able to reach home/db.
 */
public final class TestHome {

    private static final Path ROOT = Path.of("/tmp/mini-buildd-tests");

    private TestHome() {
    }

    public static Path create(String name) {
        try {
            Files.createDirectories(ROOT);
            Files.setPosixFilePermissions(ROOT, PosixFilePermissions.fromString("rwxr-xr-x"));
            var home = Files.createTempDirectory(ROOT, name + "-");
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
