package org.minibuildd.openpgp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The instance's secret key on disk: one armored file, mode 0600, in a 0700 directory.
 *
 * <p>It is written to a temporary file that is linked into place only when complete, so a crash never leaves a
 * half-written key, and two starts racing to create it end up with one key (the loser loads the winner's).
 */
public final class SecretKeyFile {

    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private SecretKeyFile() {
    }

    public static PGPSecretKeyRing read(Path file) throws IOException {
        // A key restored from a backup may come back world-readable; it has no passphrase, so close it again.
        if (!Files.getPosixFilePermissions(file).equals(OWNER_RW)) {
            Files.setPosixFilePermissions(file, OWNER_RW);
        }
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator());
        } catch (PGPException | RuntimeException e) {
            throw new IOException("not an OpenPGP secret key: " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code ring} as {@code file} unless that exists already.
     *
     * @return {@code false} if another process created {@code file} first; it was left alone
     */
    public static boolean createNew(Path file, PGPSecretKeyRing ring) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, OWNER_RWX);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_RW));
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(Armor.armor(ring.getEncoded()).getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                // A hard link, unlike a rename, never replaces an existing key.
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
