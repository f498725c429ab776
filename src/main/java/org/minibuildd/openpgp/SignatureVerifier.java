package org.minibuildd.openpgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;
import org.minibuildd.debian.ClearSigned;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.openpgp.VerificationException.Reason;
import org.minibuildd.openpgp.internal.CanonicalText;
import org.minibuildd.openpgp.internal.Digests;
import org.minibuildd.openpgp.internal.SignatureCheck;

/**
 * Checks signatures against a {@link Keyring}: cleartext signed texts ({@code InRelease}, {@code .changes},
 * {@code .dsc}) and detached signatures ({@code Release.gpg}). Every failure is a {@link VerificationException}
 * with a reason and a message for the user.
 */
public final class SignatureVerifier {

    private final Clock clock;

    /** @param clock decides whether a key has expired */
    public SignatureVerifier(Clock clock) {
        this.clock = clock;
    }

    public SignatureVerifier() {
        this(Clock.systemUTC());
    }

    /** Checks a cleartext signed text and returns the content it vouches for (nothing outside the armor). */
    public VerifiedText verifyClearsigned(String text, Keyring keyring) {
        ClearSigned split;
        try {
            split = ClearSigned.parse(text, "signed text");
        } catch (DebianFormatException e) {
            throw new VerificationException(Reason.MALFORMED, "The signed text is malformed: " + e.getMessage(), e);
        }
        if (!(split instanceof ClearSigned.Signed signed)) {
            throw new VerificationException(Reason.NOT_SIGNED, List.of(), "The text is not OpenPGP signed (no '"
                    + ClearSigned.BEGIN_MESSAGE + "' line). Sign it, e.g. with 'debsign' or 'gpg --clearsign'.");
        }
        List<PGPSignature> signatures = SignatureCheck.readSignatures(
                signed.signature().getBytes(StandardCharsets.US_ASCII));
        checkHashHeaders(signed, signatures);
        byte[] canonical = CanonicalText.cleartext(signed.content());
        try {
            var good = SignatureCheck.check(signatures, keyring.rings(), sink -> sink.update(canonical, 0,
                    canonical.length), false, clock.instant());
            return new VerifiedText(signed.content(), good);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** Checks a detached signature (armored or binary) over {@code data}; returns the first good signature. */
    public SignatureInfo verifyDetached(byte[] data, byte[] signature, Keyring keyring) {
        try {
            return check(signature, keyring, sink -> sink.update(data, 0, data.length)).getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** @see #verifyDetached(byte[], byte[], Keyring) */
    public SignatureInfo verifyDetached(byte[] data, String armoredSignature, Keyring keyring) {
        return verifyDetached(data, armoredSignature.getBytes(StandardCharsets.US_ASCII), keyring);
    }

    /** For large files: {@code data} is read once to its end (not closed). */
    public SignatureInfo verifyDetached(InputStream data, byte[] signature, Keyring keyring) throws IOException {
        return check(signature, keyring, sink -> {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = data.read(buffer)) > 0) {
                sink.update(buffer, 0, n);
            }
        }).getFirst();
    }

    private List<SignatureInfo> check(byte[] signature, Keyring keyring, SignatureCheck.Data data)
            throws IOException {
        return SignatureCheck.check(SignatureCheck.readSignatures(signature), keyring.rings(), data, true,
                clock.instant());
    }

    /** gpg refuses a message whose {@code Hash:} header does not name the digest actually used; so do we. */
    private static void checkHashHeaders(ClearSigned.Signed signed, List<PGPSignature> signatures) {
        if (signed.hashes().isEmpty()) {
            return;
        }
        for (PGPSignature signature : signatures) {
            String name = Digests.name(signature.getHashAlgorithm());
            if (!signed.hashes().contains(name)) {
                throw new VerificationException(Reason.MALFORMED, "The signed text is malformed: its 'Hash: "
                        + String.join(",", signed.hashes()) + "' header does not name the signature's digest "
                        + name + ".", null);
            }
        }
    }
}
