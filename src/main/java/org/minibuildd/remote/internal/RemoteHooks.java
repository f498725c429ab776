package org.minibuildd.remote.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.config.ConfigException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.PublicKeys;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.PublicKeyInfo;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.remote.RemoteEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A Remote's data is the other instance's public key, fetched from it. Prepare: the remote answers status (woken
 * by its wake command if it does not) and hands out its key. Check: the key is usable, the handshake verifies both
 * ways, the remote lists us among its remotes and runs (load ≥ 0) — as mini-buildd checks its remotes.
 */
@Component
class RemoteHooks implements StatusHooks {

    private static final Logger log = LoggerFactory.getLogger(RemoteHooks.class);
    private static final Duration WAKE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration WAKE_PAUSE = Duration.ofSeconds(2);

    private final RemoteClient client;
    private final RemoteStore remotes;
    private final PublicKeys keys;
    private final Handshakes handshakes;
    private final ProcessRunner runner;

    RemoteHooks(RemoteClient client, RemoteStore remotes, PublicKeys keys, Handshakes handshakes, ProcessRunner runner) {
        this.client = client;
        this.remotes = remotes;
        this.keys = keys;
        this.handshakes = handshakes;
        this.runner = runner;
    }

    @Override
    public ObjectType type() {
        return ObjectType.REMOTE;
    }

    @Override
    public void prepare(ObjectRef object) {
        var remote = endpoint(object);
        status(object, remote);
        var armored = client.pubKey(remote);
        if (armored.isBlank()) {
            throw new IllegalStateException("remote " + remote + " gave an empty public key: remote not prepared yet?");
        }
        PublicKeyInfo info;
        try {
            info = Keyring.parse(armored).singleKey();
        } catch (KeyFormatException e) {
            throw new IllegalStateException("remote " + remote + " gave no usable public key: " + e.getMessage(), e);
        }
        remotes.armored(object.key(), armored);
        keys.record(object, info);
        log.warn("Remote {}: key {} ({}) fetched from the remote itself; compare its fingerprint with the remote's "
                + "administrator before activating it", remote, info.fingerprint(), info.primaryUserId());
    }

    @Override
    public void check(ObjectRef object) {
        var remote = endpoint(object);
        var armored = keys.armored(object).filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("no key of remote " + remote + ": prepare it first"));
        var info = Keyring.parse(armored).singleKey();
        PublicKeys.checkUsable(info);
        var status = status(object, remote);

        var reply = client.handshake(remote, handshakes.signedMessage());
        try {
            handshakes.verify(reply, armored);
        } catch (VerificationException e) {
            throw new IllegalStateException("handshake with remote " + remote + " failed: its reply does not verify "
                    + "against the key prepared for it (" + info.fingerprint() + "): " + e.getMessage()
                    + " If the remote's key changed, remove and prepare the Remote again.", e);
        }

        var listed = new ArrayList<String>();
        status.get("remotes").forEach(url -> listed.add(normalised(url.asString())));
        if (!listed.contains(handshakes.ownUrl())) {
            throw new IllegalStateException("our instance " + handshakes.ownUrl() + " is not activated on remote "
                    + remote + " (it lists " + (listed.isEmpty() ? "no remotes" : String.join(", ", listed))
                    + "): activate the Remote for us there");
        }
        if (status.get("load").asDouble() < 0.0) {
            throw new IllegalStateException("Remote is stopped: " + remote + " reports load " + status.get("load").asDouble());
        }
    }

    @Override
    public void remove(ObjectRef object) {
        keys.clear(object);
        remotes.clearKey(object.key());
    }

    /** The remote's status; if it does not answer, its wake command (if any) runs once before one more try. */
    private JsonNode status(ObjectRef object, RemoteEndpoint remote) {
        try {
            return client.status(remote);
        } catch (RemoteClient.UnreachableException e) {
            var wake = remotes.wakeCommand(object.key()).orElse("").strip();
            if (wake.isEmpty()) {
                throw new IllegalStateException(e.getMessage() + " (no wake command configured for it)", e);
            }
            log.info("Remote {} is not reachable; waking it with '{}'", remote, wake);
            try {
                runner.run(Command.of(split(wake)).withTimeout(WAKE_TIMEOUT));
            } catch (ProcessFailedException failed) {
                throw new IllegalStateException(e.getMessage() + "; its wake command '" + wake + "' failed: "
                        + failed.getMessage(), failed);
            }
            pause();
            try {
                return client.status(remote);
            } catch (RemoteClient.UnreachableException again) {
                throw new IllegalStateException(again.getMessage() + " (still, after running its wake command '"
                        + wake + "')", again);
            }
        }
    }

    private static RemoteEndpoint endpoint(ObjectRef object) {
        return RemoteEndpoint.parse(object.key());
    }

    /** Entries of a remote's status list may be in any form mini-buildd accepts; unreadable ones match nothing. */
    private static String normalised(String url) {
        try {
            return RemoteEndpoint.parse(url).url();
        } catch (ConfigException e) {
            return url;
        }
    }

    /** The wake command as argv: split at blanks, '…' and "…" keep blanks (no shell is involved). */
    static List<String> split(String command) {
        var argv = new ArrayList<String>();
        var current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    argv.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalStateException("wake command has an unclosed quote: " + command);
        }
        if (inWord) {
            argv.add(current.toString());
        }
        return argv;
    }

    private static void pause() {
        try {
            Thread.sleep(WAKE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
