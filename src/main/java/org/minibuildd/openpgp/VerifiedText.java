package org.minibuildd.openpgp;

import java.util.List;

/**
 * A cleartext-signed text whose signature checked out.
 *
 * @param content    the signed content, dash-unescaped, every line ending with {@code "\n"} (see
 *                   {@link org.minibuildd.debian.ClearSigned}); only this part is covered by the signature
 * @param signatures the good signatures by keys of the keyring, at least one (Debian's InRelease carries several)
 */
public record VerifiedText(String content, List<SignatureInfo> signatures) {

    public VerifiedText {
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a verified text has at least one good signature");
        }
    }

    /** The first good signature. */
    public SignatureInfo signature() {
        return signatures.getFirst();
    }
}
