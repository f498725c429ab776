package org.minibuildd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's home and its fixed layout. Every module asks this record for its directory instead of building
 * paths of its own, so the layout is written down once.
 */
public record Home(Path root) {

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    public Path incoming() { return root.resolve("incoming"); }
    public Path rejected() { return root.resolve("rejected"); }
    public Path builds() { return root.resolve("builds"); }
    public Path events() { return root.resolve("events"); }
    public Path repositories() { return root.resolve("repositories"); }
    public Path chroots() { return root.resolve("chroots"); }
    public Path keys() { return root.resolve("keys"); }
    public Path db() { return root.resolve("db"); }
    public Path log() { return root.resolve("log"); }

    /** Creates every directory of the layout that is missing (the database directory is the cluster's to make). */
    public Home create() {
        for (var dir : List.of(incoming(), rejected(), builds(), events(), repositories(), chroots(), keys(), log())) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir + " in the mini-buildd home: " + e.getMessage(), e);
            }
        }
        return this;
    }
}
