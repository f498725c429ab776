package org.minibuildd.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schroot names of the tests' own ({@code minibuildd.chroots.schroot-prefix}): a machine that runs a real instance
 * (its chroots {@code mini-buildd-<codename>-<arch>}) runs the tests beside it, so no test may make, change or remove
 * a chroot of that name. Each test daemon (and each test that registers a chroot itself) gets a prefix of its own,
 * inside what the daemon's sudoers rules allow ({@code mini-buildd-*}); when the JVM ends, the schroot configs and
 * sessions of the prefixes made here go (a daemon that removed its chroots left nothing to do).
 */
public final class TestSchroots {

    private static final Path CHROOT_D = Path.of("/etc/schroot/chroot.d");
    private static final Set<String> MADE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestSchroots::cleanUp, "test-schroots-cleanup"));
    }

    private TestSchroots() {
    }

    /** A new prefix, {@code mini-buildd-t<random>}, cleaned up when the JVM ends. */
    public static String newPrefix() {
        var word = new StringBuilder("t");
        for (int i = 0; i < 8; i++) {
            word.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(RANDOM.nextInt(36)));
        }
        var prefix = "mini-buildd-" + word;
        MADE.add(prefix);
        return prefix;
    }

    private static void cleanUp() {
        for (var prefix : MADE) {
            try {
                var sessions = run("schroot", "--list", "--all-sessions");
                sessions.lines().map(String::strip).map(l -> l.startsWith("session:") ? l.substring(8) : l)
                        .filter(s -> s.startsWith(prefix + "-"))
                        .forEach(s -> run("schroot", "--end-session", "--force", "--chroot", "session:" + s));
                try (var confs = Files.list(CHROOT_D)) {
                    for (var conf : confs.filter(c -> c.getFileName().toString().startsWith(prefix + "-")).toList()) {
                        Files.deleteIfExists(conf);
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot clean up the test schroots " + prefix + "-*: " + e.getMessage());
            }
        }
    }

    private static String run(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
