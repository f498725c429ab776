package org.minibuildd.openpgp;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.minibuildd.openpgp.internal.KeyDescription;
import org.minibuildd.openpgp.internal.Signing;

/**
 * The instance's archive signing key, loaded: signs InRelease and Release.gpg, and exports its public half (the
 * {@code pub_key} API call, the keyring package, {@code Signed-By:}). Get it from {@link InstanceKeyStore}.
 */
public final class InstanceKey {

    private final Keyring publicKeyring;
    private final PublicKeyInfo info;
    private final Signing signing;
    private final Clock clock;

    InstanceKey(PGPSecretKeyRing secret, Clock clock) {
        PGPSecretKey key = secret.getSecretKey();
        PGPPrivateKey privateKey;
        try {
            // Stored without passphrase (see KeyGeneration), so no decryptor.
            privateKey = key.extractPrivateKey(null);
        } catch (PGPException e) {
            throw new InstanceKeyException("The instance secret key cannot be used (" + e.getMessage() + "); is it"
                    + " protected by a passphrase? The daemon needs it unprotected to sign unattended.", e);
        }
        if (privateKey == null) {
            throw new InstanceKeyException("The instance key file holds no secret key material.");
        }
        var publicKeys = new ArrayList<PGPPublicKey>();
        secret.getPublicKeys().forEachRemaining(publicKeys::add);
        var publicRing = new PGPPublicKeyRing(publicKeys);
        this.publicKeyring = Keyring.of(publicRing);
        this.info = KeyDescription.describe(publicRing);
        this.signing = new Signing(key.getPublicKey(), privateKey);
        this.clock = clock;
    }

    public PublicKeyInfo info() {
        return info;
    }

    public String fingerprint() {
        return info.fingerprint();
    }

    public String userId() {
        return info.primaryUserId();
    }

    /** A keyring holding just this key: to verify our own signatures, or to join into exported keyrings. */
    public Keyring publicKeyring() {
        return publicKeyring;
    }

    /** {@code -----BEGIN PGP PUBLIC KEY BLOCK-----}, what the {@code pub_key} API call returns. */
    public String exportArmored() {
        return publicKeyring.exportArmored();
    }

    /** The public key as binary packets, for keyring packages and {@code Signed-By:} files. */
    public byte[] exportBinary() {
        return publicKeyring.exportBinary();
    }

    /**
     * Signs {@code text} as an InRelease file: {@code Hash: SHA512}, dash-escaped, a text signature over the
     * canonical form. CRLF line ends become LF; a missing final line end is added by the framing.
     */
    public String clearsign(String text) {
        return signing.clearsign(text, clock.instant());
    }

    /** An armored detached binary signature, as Release.gpg. */
    public String detachSign(byte[] data) {
        return signing.detachSign(data, clock.instant());
    }

    /** As {@link #detachSign(byte[])}, reading {@code data} to its end without holding it in memory. */
    public String detachSign(InputStream data) throws IOException {
        return signing.detachSign(data, clock.instant());
    }
}
