package org.minibuildd.openpgp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/** ASCII armor for what we hand out: public key blocks and signatures. */
public final class Armor {

    private Armor() {
    }

    /**
     * Armors OpenPGP packets; the block type ({@code PUBLIC KEY BLOCK}, {@code SIGNATURE}) follows from the first
     * packet. No {@code Version:} header: it would only leak the library version into every InRelease.
     */
    public static String armor(byte[] packets) {
        var out = new ByteArrayOutputStream(packets.length * 4 / 3 + 128);
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armored.write(packets);
        } catch (IOException e) {
            throw new UncheckedIOException("armoring in memory cannot fail", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** The label of the first armor line ({@code -----BEGIN <label>-----}), or {@code null} if not armored. */
    public static String beginLabel(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("-----BEGIN ")) {
            return null;
        }
        int end = t.indexOf("-----", 11);
        int nl = t.indexOf('\n');
        if (end < 0 || (nl >= 0 && nl < end)) {
            return null;
        }
        return t.substring(11, end);
    }
}
