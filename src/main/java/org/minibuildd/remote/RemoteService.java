package org.minibuildd.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.remote.internal.Handshakes;
import org.minibuildd.remote.internal.RemoteStatuses;
import org.minibuildd.remote.internal.RemoteStore;
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
    private final RemoteStatuses statuses;

    RemoteService(RemoteStore store, Handshakes handshakes, ConfigActions actions, RemoteStatuses statuses) {
        this.store = store;
        this.handshakes = handshakes;
        this.actions = actions;
        this.statuses = statuses;
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

    /**
     * Every Remote as a builder: the ACTIVE ones with the load and chroots their {@code status} gives now, the
     * others (and active ones that do not answer) marked unusable with the reason. Asked at each upload's
     * packaging, so the choice follows the remotes' current load; all at once, briefly ({@link RemoteStatuses}).
     */
    public List<RemoteBuilder> builders() {
        var all = store.urlsWithActive();
        var answers = statuses.of(all.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        var builders = new ArrayList<RemoteBuilder>();
        all.forEach((url, active) -> {
            var bare = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            var answer = answers.get(url);
            if (!active) {
                builders.add(RemoteBuilder.unusable(bare, "Remote " + url + " is not active"));
            } else if (!answer.answered()) {
                log.warn("Remote {} cannot take builds now: {}", url, answer.problem());
                builders.add(RemoteBuilder.unusable(bare, answer.problem()));
            } else {
                var status = answer.status();
                var chroots = new ArrayList<String>();
                if (status.has("chroots")) {
                    status.get("chroots").forEach(c -> chroots.add(c.asString()));
                }
                var incoming = status.has("incoming_url") ? status.get("incoming_url").asString() : "";
                var named = status.has("url") ? status.get("url").asString() : bare;
                builders.add(new RemoteBuilder(named, incoming, !incoming.isBlank(), status.get("load").asDouble(), chroots,
                        incoming.isBlank() ? "Remote " + url + " names no incoming_url in its status" : ""));
            }
        });
        return builders;
    }

    /**
     * The keys of the ACTIVE Remotes: build requests signed by one come from a packager we build for, build
     * results signed by one from a builder we sent a request to (besides our own key, for ourselves).
     */
    public Keyring activeKeyring() {
        return Keyring.union(store.activeKeys().stream().map(Keyring::parse).toList());
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
