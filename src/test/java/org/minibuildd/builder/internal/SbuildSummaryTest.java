package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SbuildSummaryTest {

    /** The end of a real sbuild 0.85 log (mini-buildd's reference build of mbref-hello). */
    private static final String TAIL = """
            +------------------------------------------------------------------------------+
            | Post Build                                                                   |
            +------------------------------------------------------------------------------+


            +------------------------------------------------------------------------------+
            | Summary                                                                      |
            +------------------------------------------------------------------------------+

            Build Architecture: amd64
            Build Type: any
            Build-Space: 248
            Build-Time: 2
            Distribution: bookworm-test-unstable
            Host Architecture: amd64
            Install-Time: 5
            Job: mbref-hello_1.0-1~test12+6.dsc
            Lintian: warn
            Machine Architecture: amd64
            Package: mbref-hello
            Package-Time: 30
            Source-Version: 1.0-1~test12+6
            Space: 248
            Status: successful
            Version: 1.0-1~test12+6
            --------------------------------------------------------------------------------
            Finished at 2026-11-25T08:58:15Z
            Build needed 00:00:30, 248k disk space
            """;

    @Test
    void readsTheSummaryFieldsAsSbuildWroteThem() {
        var fields = SbuildSummary.parse(TAIL.lines().toList());
        assertThat(fields).containsEntry("Status", "successful").containsEntry("Lintian", "warn")
                .containsEntry("Build-Time", "2").containsEntry("Package-Time", "30").containsEntry("Build-Space", "248")
                .containsEntry("Space", "248").containsEntry("Job", "mbref-hello_1.0-1~test12+6.dsc")
                .doesNotContainKey("Finished at 2026-11-25T08");
    }

    @Test
    void aLogWithoutSummaryHasNoFields() {
        assertThat(SbuildSummary.parse(List.of("I: something", "Status: not a summary"))).isEmpty();
    }

    @Test
    void debootstrapProgressFollowsValidatedUnpackedAndConfiguredPackages() {
        var lines = new java.util.ArrayList<String>(List.of("I: Retrieving InRelease ", "I: Checking Release signature"));
        var early = DebootstrapLog.of(lines);
        for (var p : List.of("a", "b", "c", "d")) {
            lines.add("I: Retrieving " + p + " 1.0");
            lines.add("I: Validating " + p + " 1.0");
        }
        var downloaded = DebootstrapLog.of(lines);
        lines.add("I: Unpacking a...");
        lines.add("I: Unpacking b...");
        lines.add("I: Configuring a...");
        var installing = DebootstrapLog.of(lines);
        assertThat(downloaded.packages()).isEqualTo(5);
        assertThat(early.fraction()).isLessThan(downloaded.fraction());
        assertThat(downloaded.fraction()).isLessThan(installing.fraction()).isLessThan(1);
        assertThat(installing.last()).isEqualTo("Configuring a...");
    }

    @Test
    void requestKeysAreSplitIntoOneFilePerArmoredBlock() {
        var keys = """
                -----BEGIN PGP PUBLIC KEY BLOCK-----

                AAAA
                -----END PGP PUBLIC KEY BLOCK-----
                -----BEGIN PGP PUBLIC KEY BLOCK-----

                BBBB
                -----END PGP PUBLIC KEY BLOCK-----
                """;
        assertThat(SbuildSetup.splitKeys(keys)).hasSize(2).allSatisfy(k -> assertThat(k)
                .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----").endsWith("-----END PGP PUBLIC KEY BLOCK-----"));
        assertThat(SbuildSetup.splitKeys("")).isEmpty();
    }

    @Test
    void schrootConfigOfBothBackends() {
        var paths = new ChrootPaths(java.nio.file.Path.of("/h/chroots/bookworm/i386"), java.nio.file.Path.of("/h/log/x.log"),
                ChrootPaths.SYSTEM_SCHROOT_CONF_DIR, "mini-buildd", "bookworm", "i386");
        var dir = SchrootConf.text(paths, "Dir", "", true);
        assertThat(dir).contains("[mini-buildd-bookworm-i386]", "type=directory", "directory=/h/chroots/bookworm/i386/source",
                "union-type=overlay", "personality=linux32", "command-prefix=eatmydata", "groups=sbuild,root");
        var file = SchrootConf.text(paths, "File", "linux", false);
        assertThat(file).contains("type=file", "file=/h/chroots/bookworm/i386/source.tar", "personality=linux")
                .doesNotContain("union-type", "eatmydata", "linux32");
        assertThat(paths.systemSchrootConf()).hasToString("/etc/schroot/chroot.d/mini-buildd-bookworm-i386.conf");
    }
}
