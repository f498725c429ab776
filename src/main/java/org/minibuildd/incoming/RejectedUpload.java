package org.minibuildd.incoming;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An upload incoming refused: its files are kept in {@code quarantine} ({@code home/rejected/<time>-<name>/}),
 * never deleted.
 *
 * @param kind       the kind its name tells; files no {@code .changes} claimed count as a user upload
 * @param name       the {@code .changes}' name, or the stray file's name
 * @param reason     what is wrong, in plain words (e.g. {@code bad checksum for foo.dsc: sha256 expected … got …})
 * @param quarantine the directory holding the files
 * @param files      the names of the files in {@code quarantine}
 * @param rejectedAt when incoming refused it
 */
public record RejectedUpload(UploadKind kind, String name, String reason, Path quarantine, List<String> files,
                             Instant rejectedAt) {

    public RejectedUpload {
        files = List.copyOf(files);
    }
}
