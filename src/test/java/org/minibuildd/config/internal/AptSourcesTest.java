package org.minibuildd.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {

    @TempDir
    Path etcApt;

    @Test
    void readsOneLineAndDeb822SourcesInFileOrder() throws Exception {
        Files.writeString(etcApt.resolve("sources.list"), """
                # a comment
                deb http://deb.debian.org/debian bookworm main
                deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] https://mirror.example.org/debian/ bookworm main
                deb-src http://deb.debian.org/debian bookworm main
                deb cdrom:[Debian]/ bookworm main
                """);
        Files.createDirectory(etcApt.resolve("sources.list.d"));
        Files.writeString(etcApt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                Components: main

                Types: deb
                URIs: http://disabled.example.org/debian
                Suites: bookworm
                Components: main
                Enabled: no
                """);
        Files.writeString(etcApt.resolve("sources.list.d/broken.sources"), "this is: not\n deb822 at all\n\n:::\n");
        Files.writeString(etcApt.resolve("sources.list.d/ignored.txt"), "deb http://ignored.example.org/ x main\n");

        assertThat(new AptSources(etcApt).archives()).containsExactly(
                "http://deb.debian.org/debian/", "https://mirror.example.org/debian/", "http://deb.debian.org/debian-security/");
    }

    @Test
    void noAptConfigurationMeansNoArchives() {
        assertThat(new AptSources(etcApt.resolve("missing")).archives()).isEmpty();
    }
}
