package org.minibuildd.openpgp.internal;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPUtil;

/** Digest names as the {@code Hash:} armor header spells them ({@code SHA512}). */
public final class Digests {

    private Digests() {
    }

    public static String name(int hashAlgorithm) {
        try {
            return PGPUtil.getDigestName(hashAlgorithm);
        } catch (PGPException e) {
            // An algorithm id BouncyCastle does not know: the number is the honest name.
            return "hash algorithm " + hashAlgorithm;
        }
    }
}
