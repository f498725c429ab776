package org.minibuildd.debian;

/** The checksum lists of Debian control files: the field that holds each and its hex length. */
public enum Checksum {
    MD5("Files", 32, "MD5"),
    SHA1("Checksums-Sha1", 40, "SHA-1"),
    SHA256("Checksums-Sha256", 64, "SHA-256");

    private final String field;
    private final int hexLength;
    private final String algorithm;

    Checksum(String field, int hexLength, String algorithm) {
        this.field = field;
        this.hexLength = hexLength;
        this.algorithm = algorithm;
    }

    /** The lower-case hex digest of everything {@code in} holds, as the checksum lists write it. */
    public String of(java.io.InputStream in) throws java.io.IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        }
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) > 0) {
            digest.update(buffer, 0, read);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    public String field() {
        return field;
    }

    public int hexLength() {
        return hexLength;
    }
}
