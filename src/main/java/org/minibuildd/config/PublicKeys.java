package org.minibuildd.config;

import java.time.Instant;
import java.util.Optional;

import org.minibuildd.openpgp.PublicKeyInfo;

/**
 * The public key an AptKey, Uploader or Remote carries (armored, as given or fetched) and what preparing read
 * from it (id, fingerprint, dates), addressed by the object. Public so that the hooks of objects owned by other
 * modules (Remote's, in the remote module) keep their key where config lists it.
 */
public interface PublicKeys {

    Optional<String> armored(ObjectRef object);

    void record(ObjectRef object, PublicKeyInfo info);

    void clear(ObjectRef object);

    /** A key that is revoked or expired verifies nothing any more: refuses it with the reason. */
    static void checkUsable(PublicKeyInfo info) {
        if (info.revoked()) {
            throw new IllegalStateException("key " + info.fingerprint() + " is revoked");
        }
        if (info.expired(Instant.now())) {
            throw new IllegalStateException("key " + info.fingerprint() + " expired on " + info.expiresAt());
        }
    }
}
