package org.minibuildd.incoming.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.minibuildd.debian.Checksum;

/** The three checksums Debian lists for a file, computed in one read. */
record Digests(long size, String md5, String sha1, String sha256) {

    static Digests of(Path file) throws IOException {
        var md5 = digest("MD5");
        var sha1 = digest("SHA-1");
        var sha256 = digest("SHA-256");
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            var buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
                sha1.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                size += n;
            }
        }
        var hex = HexFormat.of();
        return new Digests(size, hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    String get(Checksum kind) {
        return switch (kind) {
            case MD5 -> md5;
            case SHA1 -> sha1;
            case SHA256 -> sha256;
        };
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
