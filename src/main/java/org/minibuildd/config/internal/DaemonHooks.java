package org.minibuildd.config.internal;

import java.nio.charset.StandardCharsets;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.SignatureVerifier;
import org.springframework.stereotype.Component;

/**
 * The Daemon's data is the instance key: prepared means it exists (generated once, never again), checked means
 * it signs and its own public key verifies the signature.
 */
@Component
class DaemonHooks implements StatusHooks {

    private final InstanceKeyStore keys;
    private final SignatureVerifier verifier;

    DaemonHooks(InstanceKeyStore keys, SignatureVerifier verifier) {
        this.keys = keys;
        this.verifier = verifier;
    }

    @Override
    public ObjectType type() {
        return ObjectType.DAEMON;
    }

    @Override
    public void prepare(ObjectRef object) {
        keys.get();
    }

    @Override
    public void check(ObjectRef object) {
        var key = keys.get();
        var probe = "mini-buildd instance key check\n";
        verifier.verifyDetached(probe.getBytes(StandardCharsets.UTF_8), key.detachSign(probe.getBytes(StandardCharsets.UTF_8)),
                key.publicKeyring());
    }

    /** Removing the Daemon never deletes its key: repositories signed with it would become unverifiable. */
    @Override
    public void remove(ObjectRef object) {
    }
}
