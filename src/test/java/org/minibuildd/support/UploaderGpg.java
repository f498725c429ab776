package org.minibuildd.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * An uploader's own OpenPGP key in Debian's gpg, in a throw-away GNUPGHOME: generated without passphrase, exported
 * armored for {@code set_user_key}, and used by Debian's {@code debsign} to sign an upload the way developers do.
 */
public final class UploaderGpg implements AutoCloseable {

    private final Path home;
    private final String fingerprint;

    private UploaderGpg(Path home, String fingerprint) {
        this.home = home;
        this.fingerprint = fingerprint;
    }

    /** A new ed25519 signing key for {@code userId} (e.g. {@code "Jo Uploader <jo@example.org>"}). */
    public static UploaderGpg generate(String userId) throws Exception {
        // Short path: gpg-agent's socket lives in the home and Unix socket paths are limited to 108 bytes.
        var home = Files.createTempDirectory(Path.of("/tmp"), "gpg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        run(home, List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", userId, "ed25519", "sign", "never"));
        var colons = run(home, List.of("gpg", "--batch", "--with-colons", "--list-keys", userId));
        var fingerprint = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        return new UploaderGpg(home, fingerprint);
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The long key id: the last 16 hex digits of the fingerprint. */
    public String keyId() {
        return fingerprint.substring(fingerprint.length() - 16);
    }

    public String exportArmored() throws Exception {
        return run(home, List.of("gpg", "--batch", "--armor", "--export", fingerprint));
    }

    /** {@code debsign -k<fingerprint>} of the .changes in place: the .dsc is signed too and the checksums updated. */
    public String debsign(Path changes) throws Exception {
        return run(home, List.of("debsign", "--no-conf", "-k" + fingerprint, changes.toString()));
    }

    /** {@code gpg --clearsign} of a file in place. */
    public void clearsign(Path file) throws Exception {
        var signed = file.resolveSibling(file.getFileName() + ".asc");
        run(home, List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--local-user", fingerprint,
                "--output", signed.toString(), "--clearsign", file.toString()));
        Files.move(signed, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws Exception {
        // Only the agent of this home: GNUPGHOME names it.
        run(home, List.of("gpgconf", "--kill", "gpg-agent"));
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs with GNUPGHOME set; returns stdout (stderr is only reported on failure). */
    private static String run(Path home, List<String> argv) throws IOException, InterruptedException {
        var stderr = Files.createTempFile("uploader-gpg", ".stderr");
        try {
            var builder = new ProcessBuilder(new ArrayList<>(argv)).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("GNUPGHOME", home.toString());
            var process = builder.start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", argv)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", argv) + ": " + output + Files.readString(stderr)).isZero();
            return output;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
