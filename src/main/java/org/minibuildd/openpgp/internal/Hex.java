package org.minibuildd.openpgp.internal;

import java.util.HexFormat;

/** Fingerprints and key ids in the upper-case form gpg prints and users paste. */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String fingerprint(byte[] fingerprint) {
        return UPPER.formatHex(fingerprint);
    }

    public static String keyId(long keyId) {
        return UPPER.toHexDigits(keyId);
    }
}
