package org.minibuildd.config;

import java.util.List;
import java.util.Optional;

import org.minibuildd.config.internal.Handshakes;
import org.minibuildd.config.internal.RemoteStore;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remotes — other instances this one builds with — as the setup, the API and the UI use them: add one by its
 * endpoint, list those in use, and answer another instance's handshake.
 */
@Service
public class RemoteService {

    private static final Logger log = LoggerFactory.getLogger(RemoteService.class);

    private final RemoteStore store;
    private final Handshakes handshakes;
    private final ConfigActions actions;

    RemoteService(RemoteStore store, Handshakes handshakes, ConfigActions actions) {
        this.store = store;
        this.handshakes = handshakes;
        this.actions = actions;
    }

    /**
     * Adds a Remote by its HTTP endpoint ({@code host:port}, {@code http://host:port/} or
     * {@code tcp:host=H:port=P}); an endpoint already added is left as it is. Refuses malformed endpoints with a
     * {@link ConfigException} on "remotes".
     */
    @Transactional
    public ObjectRef add(String endpoint) {
        return add(endpoint, "");
    }

    /** As {@link #add(String)}, with the command that wakes the remote (e.g. {@code /usr/bin/wakeonlan MAC}). */
    @Transactional
    public ObjectRef add(String endpoint, String wakeCommand) {
        var url = RemoteEndpoint.parse(endpoint).url();
        store.add(url, wakeCommand == null ? "" : wakeCommand.strip());
        return ref(url);
    }

    /** Changes the wake command; the Remote needs a new prepare, as after any edit. */
    @Transactional
    public void wakeCommand(ObjectRef remote, String wakeCommand) {
        store.wakeCommand(remote.key(), wakeCommand == null ? "" : wakeCommand.strip());
        actions.markChanged(remote);
    }

    /** URLs of the Remotes in use (active, or failed while active and reactivating), as {@code status} lists them. */
    public List<String> activeUrls() {
        return store.activeOrReactivating();
    }

    /** This instance's own URL as Remotes know it: {@code http://<hostname>:<http port>/}. */
    public String ownUrl() {
        return handshakes.ownUrl();
    }

    /**
     * Another instance's side of the handshake: if the message verifies against the key of one of our prepared
     * Remotes, our own signed handshake message, which that instance verifies in turn; else empty.
     */
    public Optional<String> answerHandshake(String signedMessage) {
        for (var remote : store.preparedKeys()) {
            try {
                handshakes.verify(signedMessage, remote.armored());
                log.debug("handshake matches Remote {}", remote.url());
                return Optional.of(handshakes.signedMessage());
            } catch (VerificationException | KeyFormatException e) {
                log.debug("handshake does not match Remote {}: {}", remote.url(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static ObjectRef ref(String url) {
        return new ObjectRef(ObjectType.REMOTE, url);
    }
}
