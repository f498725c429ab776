package org.minibuildd.openpgp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.minibuildd.openpgp.SignatureInfo;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.openpgp.VerificationException.Reason;

/**
 * Checks signatures against key rings, the way gpgv decides: a signature counts when a key of the keyring made
 * it, that key (and for a subkey, its binding to the primary key) is valid now, and the digest matches.
 *
 * <p>Texts may carry several signatures (Debian's InRelease has three). The outcome is good if at least one
 * signature is good and none by a known key is bad: a tampered text must never pass because some other signature
 * happens to be by a key we do not know.
 */
public final class SignatureCheck {

    private static final BcPGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();

    private SignatureCheck() {
    }

    /** The data a signature covers, fed once to every signature at the same time (it may be a large stream). */
    public interface Data {
        void feed(Sink sink) throws IOException;
    }

    /** Receives the signed bytes. */
    public interface Sink {
        void update(byte[] bytes, int offset, int length);
    }

    /** Reads the signature packets of an armored or binary signature. */
    public static List<PGPSignature> readSignatures(byte[] signature) {
        if (signature.length == 0) {
            throw new VerificationException(Reason.NOT_SIGNED, List.of(), "There is no signature (it is empty).");
        }
        var signatures = new ArrayList<PGPSignature>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            var factory = new BcPGPObjectFactory(in);
            Object o;
            while ((o = factory.nextObject()) != null) {
                switch (o) {
                    case PGPSignatureList list -> list.forEach(signatures::add);
                    case PGPMarker _ -> { }
                    default -> throw malformed("it holds an OpenPGP " + o.getClass().getSimpleName().replace("PGP", "")
                            + ", not a signature", null);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof VerificationException ve) {
                throw ve;
            }
            throw malformed("it cannot be read as OpenPGP (" + e.getMessage() + ")", e);
        }
        if (signatures.isEmpty()) {
            throw new VerificationException(Reason.NOT_SIGNED, List.of(), "There is no OpenPGP signature in it.");
        }
        return signatures;
    }

    /**
     * @param canonicalizeText whether the data of text-mode ({@code 0x01}) signatures still needs its line ends
     *                         made CRLF; not for cleartext messages, whose content is fed canonical already
     */
    public static List<SignatureInfo> check(List<PGPSignature> signatures, List<PGPPublicKeyRing> rings, Data data,
                                            boolean canonicalizeText, Instant now) throws IOException {
        var unknown = new LinkedHashSet<String>();
        var unusable = new ArrayList<VerificationException>();
        var candidates = new ArrayList<Candidate>();
        for (PGPSignature signature : signatures) {
            Found found = find(signature, rings);
            if (found == null) {
                unknown.add(issuer(signature));
                continue;
            }
            VerificationException problem = usability(found, now);
            if (problem != null) {
                unusable.add(problem);
                continue;
            }
            if (signature.getHashAlgorithm() == HashAlgorithmTags.MD5) {
                throw new VerificationException(Reason.BAD_SIGNATURE, List.of(Hex.keyId(found.key.getKeyID())),
                        "The signature by key " + Hex.keyId(found.key.getKeyID()) + " uses MD5, which is broken;"
                                + " sign again with a SHA-2 hash.");
            }
            try {
                signature.init(VERIFIERS, found.key);
            } catch (PGPException e) {
                throw malformed("the signature by key " + Hex.keyId(found.key.getKeyID())
                        + " cannot be checked (" + e.getMessage() + ")", e);
            }
            candidates.add(new Candidate(signature, found));
        }
        if (!candidates.isEmpty()) {
            feed(candidates, data, canonicalizeText);
        }
        var good = new ArrayList<SignatureInfo>();
        for (Candidate c : candidates) {
            if (!verify(c.signature)) {
                String keyId = Hex.keyId(c.found.key.getKeyID());
                throw new VerificationException(Reason.BAD_SIGNATURE, List.of(keyId), "BAD signature by key "
                        + keyId + " (" + KeyDescription.primaryUserId(c.found.ring) + "): the signed data or the"
                        + " signature was changed after signing. Do not use this data; fetch or upload it again.");
            }
            good.add(new SignatureInfo(Hex.fingerprint(c.found.ring.getPublicKey().getFingerprint()),
                    Hex.fingerprint(c.found.key.getFingerprint()), KeyDescription.primaryUserId(c.found.ring),
                    c.signature.getCreationTime().toInstant(), Digests.name(c.signature.getHashAlgorithm())));
        }
        if (!good.isEmpty()) {
            return good;
        }
        if (!unusable.isEmpty()) {
            throw unusable.getFirst();
        }
        throw new VerificationException(Reason.UNKNOWN_KEY, List.copyOf(unknown), "Signed by "
                + (unknown.size() == 1 ? "key " : "keys ") + String.join(", ", unknown) + ", which "
                + (unknown.size() == 1 ? "is" : "are") + " not in the keyring used to check it. Add the signer's"
                + " public key to that keyring if you trust it.");
    }

    private static void feed(List<Candidate> candidates, Data data, boolean canonicalizeText) throws IOException {
        boolean anyText = canonicalizeText
                && candidates.stream().anyMatch(c -> c.signature.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT);
        var text = anyText ? new TextCanonicalizer() : null;
        data.feed((bytes, offset, length) -> {
            byte[] canonical = text == null ? null : text.convert(bytes, offset, length);
            for (Candidate c : candidates) {
                if (canonical != null && c.signature.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT) {
                    c.signature.update(canonical);
                } else {
                    c.signature.update(bytes, offset, length);
                }
            }
        });
    }

    private static boolean verify(PGPSignature signature) {
        try {
            return signature.verify();
        } catch (PGPException e) {
            return false;
        }
    }

    /** Why a key of the keyring cannot vouch for anything now, or {@code null} if it can. */
    private static VerificationException usability(Found found, Instant now) {
        PGPPublicKey primary = found.ring.getPublicKey();
        String who = Hex.keyId(found.key.getKeyID()) + " (" + KeyDescription.primaryUserId(found.ring) + ")";
        List<String> ids = List.of(Hex.keyId(found.key.getKeyID()));
        if (primary.hasRevocation() || (!found.key.isMasterKey() && found.key.hasRevocation())) {
            return new VerificationException(Reason.KEY_REVOKED, ids, "Signed by key " + who + ", which has been"
                    + " revoked by its owner. Ask the signer for a signature with a current key.");
        }
        Instant primaryExpiry = KeyDescription.expiry(primary);
        Instant keyExpiry = found.key.isMasterKey() ? null : KeyDescription.expiry(found.key);
        for (Instant expiry : Arrays.asList(primaryExpiry, keyExpiry)) {
            if (expiry != null && !now.isBefore(expiry)) {
                return new VerificationException(Reason.KEY_EXPIRED, ids, "Signed by key " + who + ", which expired"
                        + " on " + expiry + ". Update the key in the keyring (its owner may have extended it).");
            }
        }
        if (!found.key.isMasterKey() && !boundForSigning(primary, found.key)) {
            return new VerificationException(Reason.BAD_SIGNATURE, ids, "Signed by subkey " + who + ", but the"
                    + " keyring holds no valid binding of that subkey for signing. Update the key in the keyring.");
        }
        return null;
    }

    private static boolean boundForSigning(PGPPublicKey primary, PGPPublicKey subkey) {
        Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (bindings.hasNext()) {
            PGPSignature binding = bindings.next();
            try {
                binding.init(VERIFIERS, primary);
                if (binding.verifyCertification(primary, subkey) && binding.getHashedSubPackets() != null
                        && (binding.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // A damaged binding counts as none; another one may still be good.
            }
        }
        return false;
    }

    private static Found find(PGPSignature signature, List<PGPPublicKeyRing> rings) {
        List<KeyIdentifier> issuers = signature.getKeyIdentifiers();
        for (PGPPublicKeyRing ring : rings) {
            for (PGPPublicKey key : ring) {
                KeyIdentifier id = key.getKeyIdentifier();
                for (KeyIdentifier issuer : issuers) {
                    if (!issuer.isWildcard() && issuer.matches(id)) {
                        return new Found(ring, key);
                    }
                }
            }
        }
        return null;
    }

    private static String issuer(PGPSignature signature) {
        Set<String> ids = new LinkedHashSet<>();
        for (KeyIdentifier id : signature.getKeyIdentifiers()) {
            ids.add(Hex.keyId(id.getKeyId()));
        }
        return ids.isEmpty() ? "(no issuer)" : String.join("/", ids);
    }

    private static VerificationException malformed(String what, Throwable cause) {
        return new VerificationException(Reason.MALFORMED, "The signature is malformed: " + what + ".", cause);
    }

    private record Found(PGPPublicKeyRing ring, PGPPublicKey key) {
    }

    private record Candidate(PGPSignature signature, Found found) {
    }

    /** LF to CRLF across chunk borders, for detached text-mode signatures ({@code gpg --textmode}). */
    private static final class TextCanonicalizer {
        private boolean lastWasCr;

        byte[] convert(byte[] bytes, int offset, int length) {
            byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + length);
            byte[] out = CanonicalText.textDocument(chunk);
            if (length > 0 && chunk[0] == '\n' && lastWasCr) {
                // textDocument saw this LF first in its chunk and added a CR; the CR came with the last chunk.
                out = Arrays.copyOfRange(out, 1, out.length);
            }
            if (length > 0) {
                lastWasCr = chunk[length - 1] == '\r';
            }
            return out;
        }
    }
}
