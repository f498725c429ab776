package org.minibuildd.incoming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.debian.Changes;

/**
 * A {@code .changes} and every file it lists, all in the spool with the listed sizes and checksums.
 *
 * @param kind          user upload, build request or build result (from the {@code .changes}' name)
 * @param changes       the parsed {@code .changes} (signature split off, not verified)
 * @param changesFile   the {@code .changes} in the spool
 * @param files         the listed files in the spool, in the order the {@code .changes} lists them
 * @param changesSha256 SHA-256 of the {@code .changes} as received: with its name, the upload's identity
 */
public record CompleteUpload(UploadKind kind, Changes changes, Path changesFile, List<Path> files,
                             String changesSha256) {

    public CompleteUpload {
        files = List.copyOf(files);
    }

    /** The {@code .changes}' file name, e.g. {@code hello_1.0-1_source.changes}. */
    public String changesName() {
        return changesFile.getFileName().toString();
    }

    /**
     * {@code <changes name>@<sha256>}: the same upload delivered twice (after a crash) has the same key, a new
     * upload of the same name with other content has another.
     */
    public String key() {
        return changesName() + "@" + changesSha256;
    }

    /** The listed files, then the {@code .changes}. */
    public List<Path> allFiles() {
        var all = new ArrayList<>(files);
        all.add(changesFile);
        return all;
    }

    /**
     * Puts a copy of every file of the upload into {@code dir} (created if missing) and returns the copies, the
     * {@code .changes} last. Copies are hard links where the file system allows (the spool and the daemon's other
     * directories share one home), so taking over a large upload costs nothing; an existing file of the same name
     * in {@code dir} is replaced, so calling this again after a crash simply redoes it.
     */
    public List<Path> linkTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        var copies = new ArrayList<Path>();
        for (var file : allFiles()) {
            var target = dir.resolve(file.getFileName().toString());
            var temp = dir.resolve("." + file.getFileName() + ".link");
            Files.deleteIfExists(temp);
            try {
                Files.createLink(temp, file);
            } catch (IOException | UnsupportedOperationException e) {
                // Another file system (EXDEV) or no hard links there: a copy is as good, only slower.
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            copies.add(target);
        }
        return copies;
    }

    @Override
    public String toString() {
        return kind + " " + changesName();
    }
}
