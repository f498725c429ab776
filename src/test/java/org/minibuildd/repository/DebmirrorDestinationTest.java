package org.minibuildd.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where debmirror may write: it deletes whatever in its directory is not part of the mirror. */
class DebmirrorDestinationTest {

    @TempDir Path dir;

    @Test
    void theIdentityFillsThePlaceholderAndAbsentOrEmptyDirectoriesAreTaken() throws Exception {
        assertThat(Debmirror.destination(dir + "/mirrors/{}", "test")).isEqualTo(dir.resolve("mirrors/test"));
        var empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(Debmirror.destination(empty.toString(), "test")).isEqualTo(empty);
    }

    @Test
    void anEarlierMirrorIsTakenAnythingElseThatIsNotEmptyIsNot() throws Exception {
        var earlier = Files.createDirectories(dir.resolve("earlier/.temp"));
        Files.createDirectories(dir.resolve("earlier/dists"));
        assertThat(Debmirror.destination(dir + "/earlier", "test")).isEqualTo(earlier.getParent());
        Files.writeString(Files.createDirectories(dir.resolve("home")).resolve(".bashrc"), "");
        assertThatThrownBy(() -> Debmirror.destination(dir + "/home", "test")).isInstanceOf(RepositoryRefusal.class)
                .hasMessageContaining("is not empty");
    }

    @Test
    void relativePathsAndFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> Debmirror.destination("mirrors/{}", "test")).hasMessageContaining("must be an absolute path");
        var file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> Debmirror.destination(file.toString(), "test")).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> Debmirror.destination(file + "/below/{}", "test")).hasMessageContaining("is not a writable directory");
    }
}
