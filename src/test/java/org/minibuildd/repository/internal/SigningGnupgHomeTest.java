package org.minibuildd.repository.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.daemon.Home;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;

/**
 * The GnuPG home reprepro signs from, with real gpg and reprepro: the instance key made by our code is imported once,
 * reprepro's signatures verify with our own verifier (what a repository's check uses), and the agent goes with the
 * daemon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningGnupgHomeTest {

    private final ProcessRunner runner = new ProcessRunner();
    private Path root;
    private Home home;
    private InstanceKeyStore keys;
    private SigningGnupgHome gnupg;

    @BeforeAll
    void makeAnInstanceKey() throws Exception {
        // Short, as gpg-agent's socket lives in the home and a Unix socket path is limited to 107 bytes.
        root = Files.createTempDirectory(Path.of("/tmp"), "mb-gnupg");
        home = new Home(root);
        Files.createDirectories(home.keys());
        keys = new InstanceKeyStore(home.keys(), "sign", "example.org");
        gnupg = new SigningGnupgHome(home, runner, keys);
    }

    @AfterAll
    void stopTheAgent() throws Exception {
        gnupg.stop();
        runner.run(Command.of("rm", "-rf", root.toString()));
    }

    @Test
    void repreproSignsWithTheImportedInstanceKeyAndOurVerifierAcceptsIt() throws Exception {
        var fingerprint = gnupg.ready();
        assertThat(fingerprint).isEqualTo(keys.get().fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gnupg.directory()))).isEqualTo("rwx------");
        var keybox = gnupg.directory().resolve("pubring.kbx");
        var imported = Files.getLastModifiedTime(keybox);

        // Another start of the daemon over the same home imports nothing again.
        var again = new SigningGnupgHome(home, runner, keys);
        assertThat(again.ready()).isEqualTo(fingerprint);
        assertThat(Files.getLastModifiedTime(keybox)).isEqualTo(imported);

        var repository = root.resolve("repository");
        Files.createDirectories(repository.resolve("conf"));
        Files.writeString(repository.resolve("conf/distributions"), """
                Codename: d
                Suite: d
                Components: main
                Architectures: source amd64
                SignWith: %s
                DebIndices: Packages Release . .gz .xz
                """.formatted(fingerprint));
        Files.writeString(repository.resolve("conf/options"), RepreproConf.options(gnupg.directory()));
        runner.run(Command.of("reprepro", "--basedir", repository.toString(), "export"));

        var dist = repository.resolve("dists/d");
        var release = Files.readAllBytes(dist.resolve("Release"));
        var verifier = new SignatureVerifier();
        var verified = verifier.verifyClearsigned(Files.readString(dist.resolve("InRelease"), StandardCharsets.UTF_8),
                keys.get().publicKeyring());
        assertThat(verified.content().stripTrailing()).isEqualTo(new String(release, StandardCharsets.UTF_8).stripTrailing());
        verifier.verifyDetached(release, Files.readString(dist.resolve("Release.gpg"), StandardCharsets.US_ASCII), keys.get().publicKeyring());
        // Signed well by reprepro: the repair path leaves it alone.
        assertThat(ReleaseSigner.signStale(repository, keys.get())).isEmpty();
    }

    @Test
    void theAgentStopsWithTheDaemon() throws Exception {
        var own = new SigningGnupgHome(new Home(root), runner, keys);
        own.ready();
        // gpg-connect-agent exits 0 either way; only a running agent answers with its pid.
        var ping = Command.of("gpg-connect-agent", "--homedir", own.directory().toString(), "--no-autostart", "GETINFO pid", "/bye");
        assertThat(runner.run(ping).stdoutText()).startsWith("D ");
        own.stop();
        assertThat(runner.run(ping).stdoutText()).doesNotStartWith("D ");
        assertThat(own.directory().resolve("S.gpg-agent")).doesNotExist();
        // Needed again, it starts again.
        own.ready();
        assertThat(runner.run(ping).stdoutText()).startsWith("D ");
        assertThat(List.of(own.directory().resolve("gpg.conf"), own.directory().resolve("gpg-agent.conf"))).allMatch(Files::isRegularFile);
    }
}
