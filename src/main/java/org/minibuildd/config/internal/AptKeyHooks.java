package org.minibuildd.config.internal;

import java.time.Instant;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.openpgp.Keyring;
import org.springframework.stereotype.Component;

/** An AptKey is prepared by reading its key (fingerprint, user id, dates) and checked for expiry and revocation. */
@Component
class AptKeyHooks implements StatusHooks {

    private final AptKeyStore keys;

    AptKeyHooks(AptKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public ObjectType type() {
        return ObjectType.APT_KEY;
    }

    @Override
    public void prepare(ObjectRef object) {
        keys.recordDetails(object.key(), info(object));
    }

    @Override
    public void check(ObjectRef object) {
        var info = info(object);
        if (info.revoked()) {
            throw new IllegalStateException("key " + info.fingerprint() + " is revoked");
        }
        if (info.expired(Instant.now())) {
            throw new IllegalStateException("key " + info.fingerprint() + " expired on " + info.expiresAt());
        }
    }

    @Override
    public void remove(ObjectRef object) {
        keys.clearDetails(object.key());
    }

    private org.minibuildd.openpgp.PublicKeyInfo info(ObjectRef object) {
        return Keyring.parse(keys.armored(object.key()).orElseThrow()).singleKey();
    }
}
