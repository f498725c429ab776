package org.minibuildd.config.internal;

import java.time.Instant;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.PublicKeyInfo;
import org.springframework.stereotype.Component;

/**
 * Objects that are an OpenPGP public key given by a user (AptKey, Uploader): prepared by reading the key
 * (fingerprint, user id, dates), checked for expiry and revocation. Remotes fetch their key: {@link RemoteHooks}.
 */
abstract class PublicKeyHooks implements StatusHooks {

    private final PublicKeyColumns keys;

    PublicKeyHooks(PublicKeyColumns keys) {
        this.keys = keys;
    }

    @Override
    public void prepare(ObjectRef object) {
        keys.record(object, info(object));
    }

    @Override
    public void check(ObjectRef object) {
        checkUsable(info(object));
    }

    /** A key that is revoked or expired verifies nothing any more. */
    static void checkUsable(PublicKeyInfo info) {
        if (info.revoked()) {
            throw new IllegalStateException("key " + info.fingerprint() + " is revoked");
        }
        if (info.expired(Instant.now())) {
            throw new IllegalStateException("key " + info.fingerprint() + " expired on " + info.expiresAt());
        }
    }

    @Override
    public void remove(ObjectRef object) {
        keys.clear(object);
    }

    private PublicKeyInfo info(ObjectRef object) {
        var armored = keys.armored(object).orElseThrow(() -> new IllegalArgumentException(object + " does not exist"));
        if (armored.isBlank()) {
            throw new IllegalStateException("no key given: paste the ASCII-armored public key");
        }
        return Keyring.parse(armored).singleKey();
    }

    @Component
    static class AptKey extends PublicKeyHooks {
        AptKey(PublicKeyColumns keys) {
            super(keys);
        }

        @Override
        public ObjectType type() {
            return ObjectType.APT_KEY;
        }
    }

    @Component
    static class Uploader extends PublicKeyHooks {
        Uploader(PublicKeyColumns keys) {
            super(keys);
        }

        @Override
        public ObjectType type() {
            return ObjectType.UPLOADER;
        }
    }
}
