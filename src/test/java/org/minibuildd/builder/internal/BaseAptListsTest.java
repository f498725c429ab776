package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseAptListsTest {

    private static final String REQUEST = """
            deb [] http://deb.debian.org/debian/ bookworm main
            deb [] http://localhost:8066/repositories/test bookworm-test-unstable main
            """;

    @Test
    void aBaseWithFreshListsLeavesOnlyWhatItLacks(@TempDir Path tree) throws Exception {
        var now = Instant.parse("2026-12-06T10:00:00Z");
        Files.createDirectories(tree.resolve("etc/apt"));
        Files.writeString(tree.resolve("etc/apt/sources.list"), "deb http://deb.debian.org/debian/ bookworm main contrib\n");

        // No note of an update: every line, as sbuild would.
        assertThat(BaseAptLists.of(tree, now).toUpdate(REQUEST)).isEqualTo(REQUEST);

        var stamp = tree.resolve(BaseAptLists.STAMP);
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, "");
        Files.setLastModifiedTime(stamp, FileTime.from(now.minus(Duration.ofHours(2))));
        assertThat(BaseAptLists.of(tree, now).toUpdate(REQUEST))
                .isEqualTo("deb [] http://localhost:8066/repositories/test bookworm-test-unstable main\n");
        assertThat(BaseAptLists.of(tree, now).toUpdate("deb http://deb.debian.org/debian bookworm main\n")).isEmpty();
        // Lines the base keeps the lists of only count as well.
        var backports = "deb [] http://deb.debian.org/debian/ bookworm-backports main\n";
        assertThat(BaseAptLists.of(tree, now).toUpdate(backports)).isEqualTo(backports);
        Files.writeString(tree.resolve(BaseAptLists.LIST_ONLY_SOURCES), "deb http://deb.debian.org/debian bookworm-backports main contrib\n");
        assertThat(BaseAptLists.of(tree, now).toUpdate(backports)).isEmpty();

        // Lists older than the upgrade job's day (and an hour) are not trusted.
        Files.setLastModifiedTime(stamp, FileTime.from(now.minus(Duration.ofHours(26))));
        assertThat(BaseAptLists.of(tree, now).toUpdate(REQUEST)).isEqualTo(REQUEST);
    }

    @Test
    void aTarballBaseCannotBeReadAndUpdatesEverything(@TempDir Path dir) {
        assertThat(BaseAptLists.of(dir.resolve("source"), Instant.now()).toUpdate(REQUEST)).isEqualTo(REQUEST);
    }
}
