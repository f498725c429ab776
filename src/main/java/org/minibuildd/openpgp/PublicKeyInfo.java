package org.minibuildd.openpgp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a user needs to know about a public key (the AptKey and Uploader objects show this).
 *
 * @param fingerprint          40 upper-case hex digits of the primary key (v4)
 * @param keyId                the long key id: the last 16 hex digits of the fingerprint
 * @param userIds              the user ids, primary first as stored
 * @param algorithm            e.g. {@code RSA}, {@code EdDSA}, {@code Ed25519}, {@code DSA}
 * @param bits                 key strength in bits (255 for Curve25519 keys)
 * @param created              creation time of the primary key
 * @param expiresAt            when the primary key expires, or {@code null} if it never does; see {@link #expiry()}
 * @param revoked              whether the key carries a revocation signature
 * @param subkeyFingerprints   fingerprints of the subkeys, in key ring order
 */
public record PublicKeyInfo(String fingerprint, String keyId, List<String> userIds, String algorithm, int bits,
                            Instant created, Instant expiresAt, boolean revoked, List<String> subkeyFingerprints) {

    public PublicKeyInfo {
        userIds = List.copyOf(userIds);
        subkeyFingerprints = List.copyOf(subkeyFingerprints);
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** The first user id, or the key id when the key has none (a key without user id is still usable by gpgv). */
    public String primaryUserId() {
        return userIds.isEmpty() ? keyId : userIds.getFirst();
    }

    public boolean expired(Instant at) {
        return expiresAt != null && !at.isBefore(expiresAt);
    }
}
