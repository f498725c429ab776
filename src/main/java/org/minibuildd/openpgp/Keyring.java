package org.minibuildd.openpgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.minibuildd.openpgp.KeyFormatException.Reason;
import org.minibuildd.openpgp.internal.Armor;
import org.minibuildd.openpgp.internal.Hex;
import org.minibuildd.openpgp.internal.KeyDescription;
import org.minibuildd.openpgp.internal.KeyParsing;

/**
 * An immutable set of OpenPGP public keys to check signatures against, or to hand out (keyring packages,
 * {@code Signed-By:}). Each key appears once, by fingerprint; the first copy given wins.
 */
public final class Keyring {

    private static final Keyring EMPTY = new Keyring(List.of());

    private final List<PGPPublicKeyRing> rings;

    private Keyring(List<PGPPublicKeyRing> rings) {
        var seen = new HashSet<String>();
        var unique = new ArrayList<PGPPublicKeyRing>();
        for (PGPPublicKeyRing ring : rings) {
            if (seen.add(Hex.fingerprint(ring.getPublicKey().getFingerprint()))) {
                unique.add(ring);
            }
        }
        this.rings = List.copyOf(unique);
    }

    public static Keyring empty() {
        return EMPTY;
    }

    /**
     * Reads armored (one or more {@code PUBLIC KEY BLOCK}s) or binary public keys.
     *
     * @throws KeyFormatException if the input is empty, not OpenPGP, or a secret key
     */
    public static Keyring parse(byte[] keys) {
        return new Keyring(KeyParsing.parse(keys));
    }

    /** @see #parse(byte[]) */
    public static Keyring parse(String armored) {
        return parse(armored.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a keyring file such as {@code /usr/share/keyrings/debian-archive-keyring.gpg}. */
    public static Keyring read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    static Keyring of(PGPPublicKeyRing ring) {
        return new Keyring(List.of(ring));
    }

    /** All keys of this keyring and then those of {@code other} not in it yet. */
    public Keyring plus(Keyring other) {
        var all = new ArrayList<>(rings);
        all.addAll(other.rings);
        return new Keyring(all);
    }

    public static Keyring union(List<Keyring> keyrings) {
        var all = new ArrayList<PGPPublicKeyRing>();
        keyrings.forEach(k -> all.addAll(k.rings));
        return new Keyring(all);
    }

    /** Each key as a keyring of its own: how a keyring file becomes one AptKey per key. */
    public List<Keyring> split() {
        return rings.stream().map(Keyring::of).toList();
    }

    public List<PublicKeyInfo> keys() {
        return rings.stream().map(KeyDescription::describe).toList();
    }

    public int size() {
        return rings.size();
    }

    public boolean isEmpty() {
        return rings.isEmpty();
    }

    /**
     * The one key of a keyring that should hold exactly one, as a user-supplied AptKey or uploader key.
     *
     * @throws KeyFormatException with {@link Reason#KEY_COUNT} if it holds several
     */
    public PublicKeyInfo singleKey() {
        if (rings.size() != 1) {
            throw new KeyFormatException(Reason.KEY_COUNT, "Expected one OpenPGP public key, but got "
                    + rings.size() + " (" + String.join(", ", keys().stream().map(PublicKeyInfo::keyId).toList())
                    + "). Export only the key wanted: 'gpg --armor --export <key id>'.");
        }
        return KeyDescription.describe(rings.getFirst());
    }

    /** Finds a key by fingerprint or long key id (any case, with or without {@code 0x}), also by a subkey's. */
    public Optional<PublicKeyInfo> find(String fingerprintOrKeyId) {
        String wanted = fingerprintOrKeyId.strip().replace(" ", "").toUpperCase(Locale.ROOT);
        if (wanted.startsWith("0X")) {
            wanted = wanted.substring(2);
        }
        for (PublicKeyInfo key : keys()) {
            Set<String> names = new HashSet<>(key.subkeyFingerprints());
            names.add(key.fingerprint());
            for (String name : names) {
                if (!wanted.isEmpty() && (name.equals(wanted) || (wanted.length() == 16 && name.endsWith(wanted)))) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    /** The keys as OpenPGP packets, as in {@code /usr/share/keyrings/*.gpg}; what {@code Signed-By:} files hold. */
    public byte[] exportBinary() {
        var out = new ByteArrayOutputStream();
        try {
            for (PGPPublicKeyRing ring : rings) {
                // forTransfer: no local trust packets, as 'gpg --export' writes it.
                ring.encode(out, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding keys in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** One {@code -----BEGIN PGP PUBLIC KEY BLOCK-----} holding all keys, as {@code gpg --armor --export}. */
    public String exportArmored() {
        if (rings.isEmpty()) {
            throw new IllegalStateException("an empty keyring has nothing to export");
        }
        return Armor.armor(exportBinary());
    }

    /** For verification within this module only: BouncyCastle types stay out of the public API. */
    List<PGPPublicKeyRing> rings() {
        return rings;
    }

    @Override
    public String toString() {
        return "Keyring" + keys().stream().map(k -> k.keyId() + " " + k.primaryUserId()).toList();
    }
}
