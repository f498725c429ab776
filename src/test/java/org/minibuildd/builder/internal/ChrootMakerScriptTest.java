package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minibuildd.config.ChrootConfig;
import org.minibuildd.config.SourceRef;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;

/** The shell that prepare and upgrade run in the base chroot: the apt cache for builds, man-db. */
class ChrootMakerScriptTest {

    private static final ChrootConfig BOOKWORM = new ChrootConfig(new SourceRef("Debian", "bookworm"), "amd64", "Dir",
            "/usr/sbin/debootstrap", "", "", List.of("http://deb.debian.org/debian/"), List.of("main"), List.of(), List.of(),
            List.of("deb http://deb.debian.org/debian/ bookworm-backports main"));

    private static ChrootMaker maker(List<String> cached) {
        // Nothing is written: the maker only writes its scripts here.
        var home = new Home(java.nio.file.Path.of("/nonexistent/mini-buildd-home"));
        var settings = new MiniBuilddSettings(home.root(), "", "", 8066, 8067,
                new MiniBuilddSettings.Db("", "", "", "", "mini-buildd"), "", new MiniBuilddSettings.Mail("", 25, "", ""),
                new MiniBuilddSettings.Incoming(org.springframework.util.unit.DataSize.ofGigabytes(2),
                        org.springframework.util.unit.DataSize.ofGigabytes(4), Duration.ofMinutes(5), Duration.ofMinutes(15),
                        Duration.ofMinutes(15), Duration.ofSeconds(15), false),
                new MiniBuilddSettings.Chroots("", Duration.ofHours(24), List.of("eatmydata", "lintian"), cached, "mini-buildd"));
        return new ChrootMaker(new ProcessRunner(), home, settings, new ChrootBoard(), new ChrootLocks());
    }

    @Test
    void prepareAndUpgradeDownloadTheCachedPackagesAndKeepThem() {
        for (boolean install : List.of(true, false)) {
            var script = maker(List.of("build-essential", "fakeroot", "debhelper")).configureScript(BOOKWORM, install);
            assertThat(script).contains("apt-get -q -y --download-only install build-essential fakeroot debhelper\n")
                    // Throwing the cache away would make every build download it again.
                    .doesNotContain("apt-get -q clean", "autoclean")
                    // ... but apt's binary caches of the lists go, as clean took them.
                    .contains("rm -f /var/cache/apt/pkgcache.bin /var/cache/apt/srcpkgcache.bin");
            // The download comes after the upgrade, so it fetches the versions builds will install.
            assertThat(script.indexOf("--download-only")).isGreaterThan(script.indexOf("dist-upgrade"));
            assertThat(script).contains("man-db man-db/auto-update boolean false", "rm -f /var/lib/man-db/auto-update");
            // Backports' lists are kept fresh for builds, outside what the base's apt upgrades from; then the note.
            assertThat(script).contains("cat > /etc/apt/mini-buildd-lists-only.list <<'MINI_BUILDD_EOF'\n"
                    + "deb http://deb.debian.org/debian/ bookworm-backports main\nMINI_BUILDD_EOF\n")
                    .contains("apt-get -q update -o Dir::Etc::SourceList=/etc/apt/mini-buildd-lists-only.list -o Dir::Etc::SourceParts=/dev/null")
                    .doesNotContain("sources.list.d");
            assertThat(script.indexOf("touch /var/lib/mini-buildd/apt-lists-updated")).isGreaterThan(script.indexOf("mini-buildd-lists-only.list -o"));
        }
    }

    @Test
    void withoutCachedPackagesTheCacheIsCleaned() {
        var script = maker(List.of()).configureScript(BOOKWORM, true);
        assertThat(script).contains("apt-get -q clean\n").doesNotContain("--download-only");
    }

    @Test
    void simulatedInstallsNameTheFilesAptCaches() {
        var simulation = """
                NOTE: This is only a simulation!
                Inst m4 (1.4.19-3 Debian:12.12/stable [amd64])
                Inst automake (1:1.16.5-1.3 Debian:12.12/stable [all])
                Inst libc6 [2.36-9+deb12u13] (2.36-9+deb12u14 Debian-Security:12/stable-security [amd64]) []
                Inst libtool (2.4.7-7~deb12u1 Debian:12.12/stable [all])
                Conf m4 (1.4.19-3 Debian:12.12/stable [amd64])
                """;
        var out = new ProcessRunner().run(Command.of("/bin/sh", "-c", ChrootMaker.SIMULATED_DEBS)
                .withInput(simulation.getBytes(StandardCharsets.UTF_8))).stdoutText();
        assertThat(out.lines()).containsExactly("m4_1.4.19-3_amd64.deb", "automake_1%3a1.16.5-1.3_all.deb",
                "libc6_2.36-9+deb12u14_amd64.deb", "libtool_2.4.7-7~deb12u1_all.deb");
    }
}
