package org.minibuildd.openpgp;

import java.time.Instant;

/**
 * One good signature.
 *
 * @param keyFingerprint     fingerprint of the primary key that owns the signing key; what trust decisions name
 * @param signingFingerprint fingerprint of the key that made the signature: the primary key or one of its subkeys
 * @param userId             the owner's primary user id
 * @param created            signature creation time
 * @param hashAlgorithm      the digest used, e.g. {@code SHA512}
 */
public record SignatureInfo(String keyFingerprint, String signingFingerprint, String userId, Instant created,
                            String hashAlgorithm) {

    public boolean bySubkey() {
        return !keyFingerprint.equals(signingFingerprint);
    }
}
