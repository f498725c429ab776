package org.minibuildd.remote.internal;

import org.minibuildd.daemon.InstanceService;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.openpgp.VerifiedText;
import org.minibuildd.remote.RemoteEndpoint;
import org.springframework.stereotype.Component;

/**
 * The two halves of mini-buildd's handshake between instances: each signs a fixed message with its instance key,
 * the other verifies it against the key it fetched when it prepared the Remote.
 */
@Component
public class Handshakes {

    /** mini-buildd's handshake text; only the signature matters, but peers expect this text. */
    static final String MESSAGE = "Hand Shake";

    private final InstanceKeyStore keys;
    private final SignatureVerifier verifier;
    private final String ownUrl;

    Handshakes(InstanceKeyStore keys, SignatureVerifier verifier, InstanceService instances) {
        this.keys = keys;
        this.verifier = verifier;
        this.ownUrl = RemoteEndpoint.parse(instances.instance().url()).url();
    }

    /** Our handshake message, clearsigned with the instance key. */
    public String signedMessage() {
        return keys.get().clearsign(MESSAGE);
    }

    /** Throws {@link org.minibuildd.openpgp.VerificationException} unless the armored key signed the message. */
    public VerifiedText verify(String signedMessage, String armoredKey) {
        return verifier.verifyClearsigned(signedMessage, Keyring.parse(armoredKey));
    }

    /** This instance as other instances list it in their status: {@code http://<hostname>:<http port>/}. */
    public String ownUrl() {
        return ownUrl;
    }
}
