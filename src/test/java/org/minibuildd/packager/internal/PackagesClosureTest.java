package org.minibuildd.packager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The closure handed to dose-debcheck: what the roots reach by name and through Provides, nothing else. */
class PackagesClosureTest {

    @Test
    void takesWhatTheRootsReachByNameAlternativeAndProvidesAndNothingElse(@TempDir Path dir) throws Exception {
        var debian = dir.resolve("Packages");
        Files.writeString(debian, """
                Package: libc6
                Version: 2.36-9
                Depends: libgcc-s1

                Package: libgcc-s1
                Version: 12.2.0-14

                Package: mail-transport
                Version: 1.0
                Provides: mail-transport-agent

                Package: unrelated
                Version: 1.0
                Depends: libc6
                Description: a long
                 description.
                """);
        var ours = dir.resolve("Ours");
        Files.writeString(ours, "Package: ourlib\nVersion: 1.0\nPre-Depends: libc6 (>= 2.36)\n");
        var root = "Package: app\nVersion: 1.0\nDepends: ourlib, missing-one | mail-transport-agent,\n other:any (>= 1) [amd64]\n";
        var closure = new PackagesClosure().closure(List.of(root), List.of(ours, debian));
        assertThat(closure).contains("Package: ourlib", "Package: libc6", "Package: libgcc-s1", "Package: mail-transport")
                .doesNotContain("Package: unrelated");
        assertThat(closure.split("\n\n")).hasSize(4);
    }

    @Test
    void relationsReadContinuationLinesAndDropVersionsAndArchitectureQualifiers() {
        assertThat(PackagesClosure.relations("Package: a\nDepends: b (>= 1),\n c:any | d [amd64]\nPre-Depends: e\nRecommends: f\n"))
                .containsExactly("b", "c", "d", "e");
    }
}
