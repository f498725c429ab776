package org.minibuildd.openpgp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.KeyFormatException.Reason;

/**
 * Reads public key rings from what users give us: armored blocks (one or several, as {@code gpg --armor --export}
 * writes them) or binary keyrings (as in {@code /usr/share/keyrings}). Anything else is refused with a reason the
 * user can act on, before BouncyCastle gets to misread it.
 */
public final class KeyParsing {

    private static final String PUBLIC_BLOCK = "PGP PUBLIC KEY BLOCK";
    private static final String HOW_TO = " Give an OpenPGP public key as written by 'gpg --armor --export <key id>'.";
    /** The magic of a GnuPG keybox (pubring.kbx) at offset 8: not OpenPGP packets, gpg's own database. */
    private static final byte[] KEYBOX_MAGIC = {'K', 'B', 'X', 'f'};

    private KeyParsing() {
    }

    public static List<PGPPublicKeyRing> parse(byte[] input) {
        if (isBlank(input)) {
            throw new KeyFormatException(Reason.EMPTY, "No OpenPGP public key given: the input is empty." + HOW_TO);
        }
        if (isKeybox(input)) {
            throw new KeyFormatException(Reason.NOT_OPENPGP, "Not an OpenPGP public key: this is a GnuPG keybox "
                    + "(pubring.kbx), gpg's private database. Export the keys with 'gpg --export <key id>'.");
        }
        if ((input[0] & 0x80) == 0) {
            // OpenPGP packets always start with bit 7 set; a text must be armored.
            return parseArmored(new String(input, StandardCharsets.UTF_8));
        }
        var rings = new ArrayList<PGPPublicKeyRing>();
        readPackets(new ByteArrayInputStream(input), rings);
        return requireSome(rings);
    }

    private static List<PGPPublicKeyRing> parseArmored(String text) {
        String label = Armor.beginLabel(text);
        if (label == null) {
            throw new KeyFormatException(Reason.NOT_OPENPGP,
                    "Not an OpenPGP public key: the text has no '-----BEGIN " + PUBLIC_BLOCK + "-----' line." + HOW_TO);
        }
        refuseOtherBlock(label);
        var rings = new ArrayList<PGPPublicKeyRing>();
        // ArmoredInputStream reads one block; exports of several keys may come as several blocks.
        int at = text.indexOf("-----BEGIN ");
        while (at >= 0) {
            String rest = text.substring(at);
            String blockLabel = Armor.beginLabel(rest);
            if (blockLabel != null) {
                refuseOtherBlock(blockLabel);
                int end = rest.indexOf("-----END " + blockLabel + "-----");
                if (end < 0) {
                    throw new KeyFormatException(Reason.NOT_OPENPGP, "Not an OpenPGP public key: the armored block"
                            + " has no '-----END " + blockLabel + "-----' line; was it cut off?" + HOW_TO);
                }
                String block = rest.substring(0, end) + "-----END " + blockLabel + "-----\n";
                try (var in = new ArmoredInputStream(
                        new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)))) {
                    readPackets(in, rings);
                } catch (IOException e) {
                    throw damaged(e);
                }
                at = text.indexOf("-----BEGIN ", at + end);
            } else {
                at = text.indexOf("-----BEGIN ", at + 1);
            }
        }
        return requireSome(rings);
    }

    private static void refuseOtherBlock(String label) {
        if (label.equals(PUBLIC_BLOCK)) {
            return;
        }
        if (label.equals("PGP PRIVATE KEY BLOCK") || label.equals("PGP SECRET KEY BLOCK")) {
            throw secret();
        }
        if (label.startsWith("PGP ")) {
            throw new KeyFormatException(Reason.NOT_OPENPGP, "Not an OpenPGP public key: this is an OpenPGP '"
                    + label.substring(4).toLowerCase() + "', not a public key block." + HOW_TO);
        }
        throw new KeyFormatException(Reason.NOT_OPENPGP, "Not an OpenPGP public key: this is a PEM '" + label
                + "' block (X.509/PKCS material is not OpenPGP)." + HOW_TO);
    }

    private static void readPackets(InputStream in, List<PGPPublicKeyRing> rings) {
        var factory = new BcPGPObjectFactory(in);
        try {
            Object o;
            while ((o = factory.nextObject()) != null) {
                switch (o) {
                    case PGPPublicKeyRing ring -> rings.add(ring);
                    case PGPSecretKeyRing _ -> throw secret();
                    // Marker packets and stray signatures carry no key; gpg skips them as well.
                    case PGPMarker _, PGPSignatureList _ -> { }
                    default -> throw new KeyFormatException(Reason.NOT_OPENPGP, "Not an OpenPGP public key: the"
                            + " input holds an OpenPGP " + o.getClass().getSimpleName().replace("PGP", "")
                            + ", not a key." + HOW_TO);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw damaged(e);
        }
    }

    private static List<PGPPublicKeyRing> requireSome(List<PGPPublicKeyRing> rings) {
        if (rings.isEmpty()) {
            throw new KeyFormatException(Reason.NOT_OPENPGP,
                    "Not an OpenPGP public key: the input holds no public key." + HOW_TO);
        }
        return List.copyOf(rings);
    }

    private static KeyFormatException secret() {
        return new KeyFormatException(Reason.SECRET_KEY, "Not an OpenPGP public key: this is a SECRET key, which"
                + " must never leave its owner. Give the public key ('gpg --armor --export <key id>').");
    }

    private static KeyFormatException damaged(Exception e) {
        return new KeyFormatException(Reason.NOT_OPENPGP, "Not an OpenPGP public key: the data cannot be read as"
                + " OpenPGP packets (" + e.getMessage() + ")." + HOW_TO, e);
    }

    private static boolean isBlank(byte[] input) {
        for (byte b : input) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isKeybox(byte[] input) {
        if (input.length < 12) {
            return false;
        }
        for (int i = 0; i < KEYBOX_MAGIC.length; i++) {
            if (input[8 + i] != KEYBOX_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
