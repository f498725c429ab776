package org.minibuildd.openpgp.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.minibuildd.openpgp.PublicKeyInfo;

/** Turns a BouncyCastle key ring into the plain facts of {@link PublicKeyInfo}. */
public final class KeyDescription {

    private KeyDescription() {
    }

    public static PublicKeyInfo describe(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        var userIds = new ArrayList<String>();
        primary.getUserIDs().forEachRemaining(userIds::add);
        var subkeys = new ArrayList<String>();
        for (PGPPublicKey key : ring) {
            if (!key.isMasterKey()) {
                subkeys.add(Hex.fingerprint(key.getFingerprint()));
            }
        }
        return new PublicKeyInfo(Hex.fingerprint(primary.getFingerprint()), Hex.keyId(primary.getKeyID()),
                userIds, algorithmName(primary.getAlgorithm()), primary.getBitStrength(),
                primary.getCreationTime().toInstant(), expiry(primary), primary.hasRevocation(), subkeys);
    }

    /** When {@code key} expires, or {@code null} if never. */
    public static Instant expiry(PGPPublicKey key) {
        long valid = key.getValidSeconds();
        return valid > 0 ? key.getCreationTime().toInstant().plusSeconds(valid) : null;
    }

    public static String primaryUserId(PGPPublicKeyRing ring) {
        List<String> ids = new ArrayList<>();
        ring.getPublicKey().getUserIDs().forEachRemaining(ids::add);
        return ids.isEmpty() ? Hex.keyId(ring.getPublicKey().getKeyID()) : ids.getFirst();
    }

    /** The names gpg uses in its listings, so users recognise them. */
    public static String algorithmName(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                 PublicKeyAlgorithmTags.RSA_ENCRYPT -> "RSA";
            case PublicKeyAlgorithmTags.DSA -> "DSA";
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, PublicKeyAlgorithmTags.ELGAMAL_GENERAL -> "ElGamal";
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA";
            case PublicKeyAlgorithmTags.ECDH -> "ECDH";
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            default -> "algorithm " + algorithm;
        };
    }
}
