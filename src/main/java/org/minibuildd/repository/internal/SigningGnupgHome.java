package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import org.minibuildd.daemon.Home;
import org.minibuildd.openpgp.InstanceKey;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.repository.RepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The GnuPG home reprepro signs from ({@code home/keys/gnupg}, named by {@code gnupghome} in conf/options): a copy of
 * the instance key, imported from {@code home/keys/instance-secret-key.asc}, which stays the one key file we own.
 * reprepro signs through gpgme, and GnuPG 2 only signs through its agent: the agent is started here once, before
 * the first export, so no two gpg processes race to start it, and is stopped when the daemon stops.
 */
@Component
public class SigningGnupgHome {

    private static final Logger log = LoggerFactory.getLogger(SigningGnupgHome.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    /** SHA512 as in our own InRelease signatures; no key server, no trustdb work on each signature. */
    private static final String GPG_CONF = """
            # Written by mini-buildd: reprepro signs the repositories' Release files with the instance key from here.
            personal-digest-preferences SHA512
            trust-model always
            no-auto-check-trustdb
            """;
    /** The key has no passphrase: should anything still ask for one, fail at once instead of waiting for a terminal. */
    private static final String AGENT_CONF = """
            # Written by mini-buildd.
            pinentry-program /bin/false
            """;

    private final Path directory;
    private final ProcessRunner runner;
    private final InstanceKeyStore keys;
    private String readyFor;

    SigningGnupgHome(Home home, ProcessRunner runner, InstanceKeyStore keys) {
        this.directory = home.keys().resolve("gnupg").toAbsolutePath().normalize();
        this.runner = runner;
        this.keys = keys;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Makes sure the instance key is in the GnuPG home and its agent runs; cheap after the first call. Returns the
     * fingerprint reprepro's {@code SignWith} names.
     */
    public synchronized String ready() {
        var key = keys.get();
        if (key.fingerprint().equals(readyFor)) {
            return readyFor;
        }
        try {
            Files.createDirectories(directory.getParent());
            if (!Files.isDirectory(directory)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // gpg refuses to trust a home others can read.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            RepositoryDisk.write(directory.resolve("gpg.conf"), GPG_CONF);
            RepositoryDisk.write(directory.resolve("gpg-agent.conf"), AGENT_CONF);
            if (!hasSecretKey(key)) {
                gpg(Command.of("gpg", "--homedir", directory.toString(), "--batch", "--pinentry-mode", "loopback",
                        "--import").withInput(Files.readAllBytes(keys.secretKeyFile())));
                if (!hasSecretKey(key)) {
                    throw new RepositoryException("gpg did not import the instance key " + key.fingerprint() + " into " + directory);
                }
                log.info("imported the instance key {} into {} for reprepro to sign with", key.fingerprint(), directory);
            }
            gpg(Command.of("gpgconf", "--homedir", directory.toString(), "--launch", "gpg-agent"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the GnuPG home " + directory, e);
        }
        readyFor = key.fingerprint();
        return readyFor;
    }

    /** The agent would otherwise outlive the daemon (it detaches from us). */
    @PreDestroy
    public synchronized void stop() {
        if (readyFor == null) {
            return;
        }
        readyFor = null;
        try {
            runner.run(Command.of("gpgconf", "--homedir", directory.toString(), "--kill", "gpg-agent").withTimeout(TIMEOUT));
        } catch (ProcessFailedException e) {
            log.warn("cannot stop the gpg-agent of {}: {}", directory, e.getMessage());
        }
    }

    private boolean hasSecretKey(InstanceKey key) {
        try {
            runner.run(Command.of("gpg", "--homedir", directory.toString(), "--batch", "--with-colons",
                    "--list-secret-keys", key.fingerprint()).withTimeout(TIMEOUT));
            return true;
        } catch (ProcessFailedException.NonZeroExit e) {
            return false;
        }
    }

    private void gpg(Command command) {
        try {
            runner.run(command.withTimeout(TIMEOUT));
        } catch (ProcessFailedException e) {
            throw new RepositoryException("cannot prepare the GnuPG home reprepro signs with (" + directory + "): "
                    + e.getMessage(), e);
        }
    }
}
