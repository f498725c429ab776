package org.minibuildd.openpgp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/** Makes signatures with one key: SHA-512, v4, issuer fingerprint hashed, as gpg does. */
public final class Signing {

    /** One hash for everything: the key prefers it and the {@code Hash:} header must name it. */
    public static final int HASH = HashAlgorithmTags.SHA512;

    private final PGPPublicKey publicKey;
    private final PGPPrivateKey privateKey;

    public Signing(PGPPublicKey publicKey, PGPPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * An InRelease-style cleartext signed message. Lines starting with {@code -} must be dash-escaped; lines
     * starting with {@code From } are too, so that mail transport cannot mangle them (gpg does the same).
     */
    public String clearsign(String text, Instant now) {
        String content = normaliseLineEnds(text);
        var out = new StringBuilder(content.length() + 1200);
        out.append("-----BEGIN PGP SIGNED MESSAGE-----\n")
                .append("Hash: ").append(Digests.name(HASH)).append("\n\n");
        int start = 0;
        while (start < content.length()) {
            int nl = content.indexOf('\n', start);
            String line = nl < 0 ? content.substring(start) : content.substring(start, nl);
            if (line.startsWith("-") || line.startsWith("From ")) {
                out.append("- ");
            }
            out.append(line).append('\n');
            start = nl < 0 ? content.length() : nl + 1;
        }
        PGPSignature signature = sign(PGPSignature.CANONICAL_TEXT_DOCUMENT, CanonicalText.cleartext(content), now);
        out.append(armor(signature));
        return out.toString();
    }

    public String detachSign(byte[] data, Instant now) {
        return armor(sign(PGPSignature.BINARY_DOCUMENT, data, now));
    }

    public String detachSign(InputStream data, Instant now) throws IOException {
        PGPSignatureGenerator generator = generator(PGPSignature.BINARY_DOCUMENT, now);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = data.read(buffer)) > 0) {
            generator.update(buffer, 0, n);
        }
        return armor(generate(generator));
    }

    private PGPSignature sign(int type, byte[] data, Instant now) {
        PGPSignatureGenerator generator = generator(type, now);
        generator.update(data);
        return generate(generator);
    }

    private PGPSignatureGenerator generator(int type, Instant now) {
        try {
            var generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(publicKey.getAlgorithm(), HASH), publicKey);
            generator.init(type, privateKey);
            var hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(now));
            hashed.setIssuerFingerprint(false, publicKey);
            generator.setHashedSubpackets(hashed.generate());
            // Old verifiers (gpgv of Debian 9 and earlier) look for the issuer key id only here.
            var unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, publicKey.getKeyID());
            generator.setUnhashedSubpackets(unhashed.generate());
            return generator;
        } catch (PGPException e) {
            throw new IllegalStateException("cannot sign with key " + Hex.keyId(publicKey.getKeyID()) + ": "
                    + e.getMessage(), e);
        }
    }

    private PGPSignature generate(PGPSignatureGenerator generator) {
        try {
            return generator.generate();
        } catch (PGPException e) {
            throw new IllegalStateException("cannot sign with key " + Hex.keyId(publicKey.getKeyID()) + ": "
                    + e.getMessage(), e);
        }
    }

    private static String armor(PGPSignature signature) {
        try {
            return Armor.armor(signature.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding a signature in memory failed", e);
        }
    }

    /** CRLF line ends of the input become LF: the armored output is a Unix text like InRelease. */
    static String normaliseLineEnds(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }
}
