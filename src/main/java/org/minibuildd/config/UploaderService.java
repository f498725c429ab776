package org.minibuildd.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.minibuildd.config.internal.RepositoryConfigStore;
import org.minibuildd.config.internal.UploaderStore;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.PublicKeyInfo;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploaders, as in mini-buildd: a user's OpenPGP key with the repositories the user may upload to. A user sets
 * their own key ({@code set_user_key}); that (re)prepares and checks the Uploader, but it counts only once an
 * administrator has given it repositories and activated it.
 */
@Service
public class UploaderService {

    /** One Uploader as the lists, the profile and the API show it. */
    public record Uploader(String user, String keyId, String fingerprint, String keyName, List<String> mayUploadTo,
                           StatusState state) {

        public Uploader {
            mayUploadTo = List.copyOf(mayUploadTo);
        }

        public ObjectRef object() {
            return new ObjectRef(ObjectType.UPLOADER, user);
        }
    }

    /**
     * A key whose signature on an upload to a repository counts, and where it comes from.
     *
     * @param user     the account of an active Uploader, or empty for a key from an extra keyring
     * @param keyring  the extra uploader keyring file it comes from, or empty for an Uploader's key
     */
    public record UploaderKey(String user, String keyring, PublicKeyInfo key) { }

    /** Who may upload to one repository. */
    public record RepositoryUploaders(String repository, boolean allowUnauthenticatedUploads, List<UploaderKey> keys) { }

    private final UploaderStore store;
    private final RepositoryConfigStore repositories;
    private final ConfigActions actions;
    private final TransactionTemplate transactions;

    UploaderService(UploaderStore store, RepositoryConfigStore repositories, ConfigActions actions, TransactionTemplate transactions) {
        this.store = store;
        this.repositories = repositories;
        this.actions = actions;
        this.transactions = transactions;
    }

    /**
     * Gives the user's Uploader this key (making the Uploader on the first key): it is removed, prepared and checked
     * again, so it is prepared but not active, whatever it was before. An administrator activates it.
     *
     * @throws ConfigException (field {@code key}) for anything that is not one usable ASCII-armored public key
     */
    public Uploader setKey(String user, String armored) {
        var text = armored == null ? "" : armored.strip();
        if (text.isEmpty()) {
            throw new ConfigException("key", "give your ASCII-armored public key (gpg --armor --export <your key id>)");
        }
        if (text.lines().count() < 2) {
            throw new ConfigException("key", "\"" + abbreviate(text) + "\" is not an ASCII-armored public key; "
                    + "key ids are not looked up here: give the whole key (gpg --armor --export <your key id>)");
        }
        PublicKeyInfo info;
        try {
            info = Keyring.parse(text).singleKey();
        } catch (KeyFormatException e) {
            throw new ConfigException("key", e.getMessage(), e);
        }
        if (info.revoked()) {
            throw new ConfigException("key", "key " + info.fingerprint() + " is revoked");
        }
        if (info.expired(Instant.now())) {
            throw new ConfigException("key", "key " + info.fingerprint() + " expired on " + info.expiresAt());
        }
        var object = new ObjectRef(ObjectType.UPLOADER, user);
        // Out of use before the key changes: the new key must never count on the old activation.
        if (store.find(user).isPresent()) {
            actions.run(ConfigActions.Action.REMOVE, object);
        }
        transactions.executeWithoutResult(tx -> store.setKey(user, text + "\n"));
        actions.run(ConfigActions.Action.PREPARE, object);
        actions.run(ConfigActions.Action.CHECK, object);
        return find(user).orElseThrow();
    }

    public Optional<Uploader> find(String user) {
        return store.find(user).map(this::uploader);
    }

    public List<Uploader> all() {
        return store.all().stream().map(this::uploader).toList();
    }

    /** Identities of all repositories, for the "may upload to" choice. */
    public List<String> repositoryIdentities() {
        return store.repositories();
    }

    /**
     * The keys that count for uploads to the repository: active Uploaders allowed to upload to it, and the keys of
     * its extra uploader keyrings; a keyring file that cannot be read is named in the exception.
     */
    public RepositoryUploaders uploaders(String repository) {
        var row = repositories.repository(repository)
                .orElseThrow(() -> new ConfigException("repositories", "there is no repository \"" + repository + "\""));
        var keys = new ArrayList<UploaderKey>();
        for (var active : store.activeKeys(repository)) {
            for (var key : Keyring.parse(active.armored()).keys()) {
                keys.add(new UploaderKey(active.username(), "", key));
            }
        }
        for (var file : repositories.uploaderKeys(repository).extraKeyrings()) {
            try {
                for (var key : Keyring.read(Path.of(file)).keys()) {
                    keys.add(new UploaderKey("", file, key));
                }
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("extra_uploader_keyrings", "repository " + repository
                        + ": cannot read extra uploader keyring " + file + ": " + e.getMessage(), e);
            }
        }
        return new RepositoryUploaders(repository, row.allowUnauthenticatedUploads(), keys);
    }

    private Uploader uploader(UploaderStore.Row row) {
        return new Uploader(row.username(), row.keyLongId(), row.keyFingerprint(), row.keyName(), row.mayUploadTo(),
                actions.state(new ObjectRef(ObjectType.UPLOADER, row.username())));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
