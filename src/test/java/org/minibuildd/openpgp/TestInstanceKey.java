package org.minibuildd.openpgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One generated instance key for all test classes of the JVM: RSA 4096 generation takes seconds. */
final class TestInstanceKey {

    static final String IDENTITY = "myorg";
    static final String HOSTNAME = "build.example.org";

    private static InstanceKeyStore store;

    private TestInstanceKey() {
    }

    /** The store, its key generated already. */
    static synchronized InstanceKeyStore store() {
        if (store == null) {
            try {
                Path root = Files.createTempDirectory("minibuildd-keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                Path dir = root.resolve("keys");
                store = new InstanceKeyStore(dir, IDENTITY, HOSTNAME);
                store.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store;
    }

    private static void delete(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a left-over temp directory is harmless.
        }
    }

    static InstanceKey key() {
        return store().get();
    }

    /** Our public key as a binary keyring file, for gpgv. */
    static Path keyringFile(Path dir) {
        try {
            return Files.write(dir.resolve("instance.gpg"), key().exportBinary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
