package org.minibuildd.repository.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removing a directory tree below a repository (a snapshot, a vanished distribution's indices, a work directory). */
public final class Trees {

    private Trees() {
    }

    /** Deletes the tree, deepest first; nothing when it is not there. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var tree = Files.walk(dir)) {
            for (var path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
