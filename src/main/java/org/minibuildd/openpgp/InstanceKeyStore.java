package org.minibuildd.openpgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.minibuildd.openpgp.internal.KeyGeneration;
import org.minibuildd.openpgp.internal.SecretKeyFile;

/**
 * Where the instance key lives ({@code home/keys}): generated on first use, loaded ever after. An existing key is
 * never replaced, whatever the identity or host name say now: every apt client trusts exactly that key, so a new
 * one would break them all.
 */
public final class InstanceKeyStore {

    /** The armored secret key; mode 0600. */
    public static final String SECRET_KEY_FILE = "instance-secret-key.asc";

    private final Path keysDir;
    private final String identity;
    private final String hostname;
    private final Clock clock;
    private InstanceKey key;

    /**
     * @param keysDir  the directory for the key, created (mode 0700) if missing
     * @param identity the instance identity, e.g. {@code myorg}
     * @param hostname the host name in the key's mail address, e.g. {@code build.example.org}
     */
    public InstanceKeyStore(Path keysDir, String identity, String hostname) {
        this(keysDir, identity, hostname, Clock.systemUTC());
    }

    public InstanceKeyStore(Path keysDir, String identity, String hostname, Clock clock) {
        this.keysDir = keysDir;
        this.identity = requireUserIdPart("identity", identity);
        this.hostname = requireUserIdPart("hostname", hostname);
        this.clock = clock;
    }

    /** The user id a new key gets: {@code mini-buildd archive <identity> <mini-buildd@<hostname>>}. */
    public static String userId(String identity, String hostname) {
        return "mini-buildd archive " + identity + " <mini-buildd@" + hostname + ">";
    }

    public Path secretKeyFile() {
        return keysDir.resolve(SECRET_KEY_FILE);
    }

    public boolean exists() {
        return Files.exists(secretKeyFile());
    }

    /**
     * The instance key, loading it or, the first time, generating it (RSA 4096 takes a few seconds).
     *
     * @throws InstanceKeyException if the key file cannot be read or written
     */
    public synchronized InstanceKey get() {
        if (key == null) {
            key = new InstanceKey(loadOrGenerate(), clock);
        }
        return key;
    }

    private PGPSecretKeyRing loadOrGenerate() {
        Path file = secretKeyFile();
        try {
            if (!Files.exists(file)) {
                PGPSecretKeyRing generated = KeyGeneration.generate(userId(identity, hostname), clock.instant());
                if (SecretKeyFile.createNew(file, generated)) {
                    return generated;
                }
            }
            return SecretKeyFile.read(file);
        } catch (IOException e) {
            throw new InstanceKeyException("Cannot use the instance key file " + file.toAbsolutePath() + ": "
                    + e.getMessage() + ". Check that the daemon's user owns " + keysDir.toAbsolutePath()
                    + "; restore the file from a backup if it was damaged (a new key would have to be trusted"
                    + " again by every apt client).", e);
        }
    }

    private static String requireUserIdPart(String what, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c == '<' || c == '>' || c < ' ')) {
            throw new IllegalArgumentException("the instance key's " + what + " must be a non-empty name without"
                    + " '<', '>' or control characters, not \"" + value + "\"");
        }
        return value;
    }
}
