package org.minibuildd.debian;

/** The checksum lists of Debian control files: the field that holds each and its hex length. */
public enum Checksum {
    MD5("Files", 32),
    SHA1("Checksums-Sha1", 40),
    SHA256("Checksums-Sha256", 64);

    private final String field;
    private final int hexLength;

    Checksum(String field, int hexLength) {
        this.field = field;
        this.hexLength = hexLength;
    }

    public String field() {
        return field;
    }

    public int hexLength() {
        return hexLength;
    }
}
