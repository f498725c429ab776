package org.minibuildd.packager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.Dsc;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;

/** Sources made with the real debchange and dpkg-source, read back with dpkg-source -x. */
class TemplateSourcesTest {

    private static final InstanceMaintainer.Maintainer MAINTAINER =
            new InstanceMaintainer.Maintainer("mini-buildd archive itest", "mini-buildd@build.example.org");
    private static final Instant NOW = Instant.parse("2026-12-07T04:05:06Z");

    @TempDir Path dir;

    private final ProcessRunner runner = new ProcessRunner();

    private TemplateSources sources() {
        return new TemplateSources(new Home(dir.resolve("home")), runner, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Path unpack(MadeSource made) {
        var tree = dir.resolve("unpacked-" + made.source());
        runner.run(Command.of("dpkg-source", "--extract", made.dsc().toString(), tree.toString()).inDirectory(dir));
        return tree;
    }

    @Test
    void aTestSourceGetsTheStampVersionAndTheInstanceAsMaintainerAndItsDirectoryGoesWhenClosed() throws Exception {
        var template = TestTemplates.of(TestTemplates.CPP, MAINTAINER.field()).orElseThrow();
        Path scratch;
        try (var made = sources().make(template, MAINTAINER, List.of("Test package.", "MINI_BUILDD_OPTION: auto-ports=bookworm-test-unstable,bookworm-test-experimental,bookworm-test-snapshot,bookworm-test-hotfix"))) {
            scratch = made.directory();
            assertThat(made.version()).isEqualTo("20261207040506");
            assertThat(made.dsc()).hasFileName("mbd-test-cpp_20261207040506.dsc").startsWith(dir.resolve("home/tmp"));
            assertThat(made.dscUrl()).startsWith("file:///").endsWith("/mbd-test-cpp_20261207040506.dsc");
            var dsc = Dsc.parse(Files.readString(made.dsc()));
            assertThat(dsc.source()).isEqualTo("mbd-test-cpp");
            assertThat(dsc.version().toString()).isEqualTo("20261207040506");
            var tree = unpack(made);
            var changelog = Files.readString(tree.resolve("debian/changelog"));
            assertThat(changelog).startsWith("mbd-test-cpp (20261207040506) UNRELEASED; urgency=")
                    .contains("  * Test package.\n", "  * MINI_BUILDD_OPTION: auto-ports=bookworm-test-unstable,bookworm-test-experimental,bookworm-test-snapshot,bookworm-test-hotfix\n")
                    .contains(" -- mini-buildd archive itest <mini-buildd@build.example.org>  ");
            assertThat(tree.resolve("debian/rules")).isExecutable();
            assertThat(Files.readString(tree.resolve("debian/control"))).contains("Maintainer: " + MAINTAINER.field(), "Architecture: any");
        }
        assertThat(scratch).doesNotExist();
    }

    @Test
    void theThreeTestSourcesAreMadeAndOnlyTheFtbfsOneMayFail() {
        assertThat(TestTemplates.NAMES).containsExactly("mbd-test-archall", "mbd-test-cpp", "mbd-test-ftbfs");
        for (var name : TestTemplates.NAMES) {
            try (var made = sources().make(TestTemplates.of(name, MAINTAINER.field()).orElseThrow(), MAINTAINER, List.of("x"))) {
                assertThat(made.dsc()).exists();
                var tree = unpack(made);
                assertThat(Files.exists(tree.resolve("debian/control"))).isTrue();
            }
        }
        assertThat(TestTemplates.mustInstall("mbd-test-archall")).isTrue();
        assertThat(TestTemplates.mustInstall("mbd-test-ftbfs")).isFalse();
        assertThat(TestTemplates.of("mbd-test-nothing", MAINTAINER.field())).isEmpty();
    }

    @Test
    void theKeyringSourceCarriesTheKeyAndAptSourcesThatTrustOnlyIt() throws Exception {
        var key = new byte[] {(byte) 0x99, 0x01, 0x0d, 0x00, (byte) 0xff};
        var entries = List.of(
                new KeyringTemplate.AptEntry("test", "bookworm", "unstable", "bookworm-test-unstable",
                        "http://build.example.org:8066/repositories/test", List.of("main", "contrib")),
                new KeyringTemplate.AptEntry("test", "bookworm", "stable-rollback0", "bookworm-test-stable-rollback0",
                        "http://build.example.org:8066/repositories/test", List.of("main")));
        var template = KeyringTemplate.of("itest", MAINTAINER.field(), key, entries);
        try (var made = sources().make(template, MAINTAINER, List.of("Automatic keyring package for archive 'itest'."))) {
            assertThat(made.source()).isEqualTo("itest-archive-keyring");
            var tree = unpack(made);
            assertThat(Files.readAllBytes(tree.resolve("itest-archive-keyring.gpg"))).isEqualTo(key);
            assertThat(Files.readString(tree.resolve("sources/bookworm/test_unstable.sources"))).isEqualTo("""
                    Types: deb deb-src
                    URIs: http://build.example.org:8066/repositories/test
                    Suites: bookworm-test-unstable
                    Components: main contrib
                    Signed-By: /usr/share/keyrings/itest-archive-keyring.gpg
                    """);
            assertThat(Files.readString(tree.resolve("sources.list.d/bookworm/test_stable-rollback0.list"))).isEqualTo(
                    "deb [signed-by=/usr/share/keyrings/itest-archive-keyring.gpg] http://build.example.org:8066/repositories/test bookworm-test-stable-rollback0 main\n");
            assertThat(Files.readString(tree.resolve("sources.list.d/bookworm/test_unstable_src.list"))).startsWith("deb-src [signed-by=");
            assertThat(Files.readString(tree.resolve("debian/install"))).isEqualTo("""
                    itest-archive-keyring.gpg usr/share/keyrings
                    sources.list.d usr/share/itest-archive-keyring
                    sources usr/share/itest-archive-keyring
                    """);
            assertThat(Files.readString(tree.resolve("debian/changelog"))).contains("Automatic keyring package for archive 'itest'.");
        }
    }

    @Test
    void aFailingToolLeavesNoScratchDirectory() {
        var broken = SourceTemplate.of("broken").text("debian/source/format", "9.9 (nonsense)\n")
                .text("debian/control", "Source: broken\n\nPackage: broken\nArchitecture: all\n").build();
        assertThatThrownBy(() -> sources().make(broken, MAINTAINER, List.of("x"))).isInstanceOf(ProcessFailedException.class);
        assertThat(dir.resolve("home/tmp")).isEmptyDirectory();
    }
}
