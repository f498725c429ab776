package org.minibuildd.debian;

/**
 * A file listed by a {@code .changes}, {@code .dsc} or {@code Sources} entry, merged over its checksum lists.
 * A checksum whose list is absent is {@code ""}; {@code section} and {@code priority} are only set by a
 * {@code .changes}' {@code Files} field (else {@code ""}).
 */
public record FileEntry(String name, long size, String md5, String sha1, String sha256, String section,
                        String priority) {

    public FileEntry {
        FileName.check(name);
        if (size < 0) {
            throw DebianFormatException.of("File \"" + name + "\"", "size must not be negative");
        }
    }

    public String checksum(Checksum kind) {
        return switch (kind) {
            case MD5 -> md5;
            case SHA1 -> sha1;
            case SHA256 -> sha256;
        };
    }
}
