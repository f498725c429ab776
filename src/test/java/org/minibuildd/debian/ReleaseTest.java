package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    @Test
    void readsARelease() {
        Release r = Release.parse(Fixtures.signed(Fixtures.RELEASE));
        assertThat(r.origin()).contains("Debian");
        assertThat(r.label()).contains("Debian");
        assertThat(r.suite()).contains("stable");
        assertThat(r.codename()).contains("bookworm");
        assertThat(r.version()).contains("12.8");
        assertThat(r.date()).contains("Sat, 09 Nov 2024 10:46:07 UTC");
        assertThat(r.architectures()).containsExactly("all", "amd64", "arm64");
        assertThat(r.components()).containsExactly("main", "contrib", "non-free-firmware", "non-free");
        assertThat(r.sha256()).containsExactly(new Release.IndexFile("contrib/Contents-all", 1484322, Fixtures.SHA256_DSC),
                new Release.IndexFile("main/binary-amd64/Packages.xz", 98581, Fixtures.SHA256_TAR));
    }

    @Test
    void readsTheMachinesInReleaseFiles() throws Exception {
        try (Stream<Path> files = Files.list(AptLists.DIR)) {
            var inReleases = files.filter(p -> p.getFileName().toString().endsWith("_InRelease")).toList();
            assertThat(inReleases).isNotEmpty();
            for (Path p : inReleases) {
                Release r = Release.parse(Files.readString(p));
                assertThat(r.envelope().signed()).isTrue();
                assertThat(r.codename()).isPresent();
                assertThat(r.sha256()).isNotEmpty();
            }
        }
    }

    @Test
    void faults() {
        assertThatThrownBy(() -> Release.parse("Origin: x\n")).isInstanceOf(DebianFormatException.class)
                .hasMessage("Release: needs a \"Suite\" or a \"Codename\" field");
        assertThatThrownBy(() -> Release.parse("Suite: x\nSHA256:\n " + Fixtures.SHA256_DSC + " 1 /etc/passwd\n"))
                .hasMessage("Release line 3: field \"SHA256\": file name \"/etc/passwd\" must be a relative path");
        assertThatThrownBy(() -> Release.parse("Suite: x\nSHA256:\n " + Fixtures.SHA256_DSC + " 1 a/../b\n"))
                .hasMessageContaining("must not contain empty, \".\" or \"..\" path parts");
        assertThatThrownBy(() -> Release.parse("Suite: x\nSHA256:\n abc 1 a\n"))
                .hasMessage("Release line 3: field \"SHA256\": checksum \"abc\" is not 64 hexadecimal digits");
    }
}
