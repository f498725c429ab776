package org.minibuildd.openpgp.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Makes the instance's archive signing key: one RSA 4096 primary key that signs and certifies, no subkeys, no
 * expiry, SHA-512 first in its preferences. One key without subkeys is what apt users copy into
 * {@code Signed-By:} and what mini-buildd 2.x generates.
 */
public final class KeyGeneration {

    private static final int RSA_BITS = 4096;
    /** Miller-Rabin rounds: FIPS 186-4 asks for at least 4 at this size; more costs little next to the search. */
    private static final int PRIME_CERTAINTY = 128;

    private KeyGeneration() {
    }

    public static PGPSecretKeyRing generate(String userId, Instant now) {
        try {
            var rsa = new RSAKeyPairGenerator();
            rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), RSA_BITS,
                    PRIME_CERTAINTY));
            // OpenPGP keeps whole seconds; a sub-second Date would not round-trip through the key packet.
            Date created = Date.from(Instant.ofEpochSecond(now.getEpochSecond()));
            PGPKeyPair pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                    rsa.generateKeyPair(), created);

            var hashed = new PGPSignatureSubpacketGenerator();
            hashed.setKeyFlags(true, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
            hashed.setPreferredHashAlgorithms(false,
                    new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
            hashed.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256,
                    SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
            hashed.setPreferredCompressionAlgorithms(false, new int[] {CompressionAlgorithmTags.ZLIB,
                    CompressionAlgorithmTags.BZIP2, CompressionAlgorithmTags.ZIP,
                    CompressionAlgorithmTags.UNCOMPRESSED});
            hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
            hashed.setIssuerFingerprint(false, pair.getPublicKey());

            // No passphrase (null encryptor): the daemon signs InRelease files unattended, with nobody to type
            // one. The key file's 0600 mode and the unprivileged daemon user are its protection instead.
            var generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA512),
                    null);
            return generator.generateSecretKeyRing();
        } catch (PGPException e) {
            throw new IllegalStateException("generating an RSA key with BouncyCastle failed: " + e.getMessage(), e);
        }
    }
}
