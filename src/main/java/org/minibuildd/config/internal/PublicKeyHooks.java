package org.minibuildd.config.internal;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.PublicKeys;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.PublicKeyInfo;
import org.springframework.stereotype.Component;

/**
 * Objects that are an OpenPGP public key given by a user (AptKey, Uploader): prepared by reading the key
 * (fingerprint, user id, dates), checked for expiry and revocation. Remotes fetch their key (the remote module's hooks).
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
        PublicKeys.checkUsable(info(object));
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
