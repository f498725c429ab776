package org.minibuildd.openpgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real GnuPG in a private, throw-away home: the independent party our signatures must satisfy and whose
 * signatures we must accept. Tests only; the daemon never runs gpg.
 */
final class Gpg implements AutoCloseable {

    record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
        Result requireSuccess() {
            assertThat(exitCode).as("exit code, stderr: %s", stderr).isZero();
            return this;
        }
    }

    final Path home;

    private Gpg(Path home) {
        this.home = home;
    }

    static Gpg create() {
        try {
            // Short path: gpg-agent's socket lives in the home and Unix socket paths are limited to 108 bytes.
            Path home = Files.createTempDirectory(Path.of("/tmp"), "gpg",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new Gpg(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result gpg(String... args) {
        var argv = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--pinentry-mode", "loopback", "--passphrase", ""));
        argv.addAll(List.of(args));
        return run(argv, null);
    }

    /** Generates a key without passphrase and returns its fingerprint. */
    String generateKey(String userId, String algorithm, String usage, String expire) {
        gpg("--quick-gen-key", userId, algorithm, usage, expire).requireSuccess();
        return fingerprintOf(userId);
    }

    String fingerprintOf(String userId) {
        for (String line : gpg("--with-colons", "--list-keys", "=" + userId).requireSuccess().stdout().split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new AssertionError("no key for " + userId);
    }

    byte[] exportPublic(String fingerprint) {
        return gpg("--export", fingerprint).requireSuccess().stdoutBytes();
    }

    /** Writes {@code data} to a file in the home and returns its path. */
    Path file(String name, byte[] data) {
        try {
            return Files.write(home.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Debian's gpgv: the keyring must be given by an absolute path, or gpgv looks in its home. */
    static Result gpgv(Path keyring, Path... files) {
        var argv = new ArrayList<>(List.of("gpgv", "--keyring", keyring.toAbsolutePath().toString()));
        for (Path f : files) {
            argv.add(f.toAbsolutePath().toString());
        }
        return run(argv, null);
    }

    static Result run(List<String> argv, byte[] stdin) {
        try {
            Path err = Files.createTempFile("gpg", ".err");
            try {
                Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
                if (stdin != null) {
                    p.getOutputStream().write(stdin);
                }
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + argv);
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err),
                        out);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"), null);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
