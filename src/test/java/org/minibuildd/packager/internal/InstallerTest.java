package org.minibuildd.packager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class InstallerTest {

    @Test
    void lintianFailsAsItsModeSays() {
        assertThat(Installer.lintianFails("ERRFAIL", "error")).isTrue();
        assertThat(Installer.lintianFails("ERRFAIL", "fail")).isTrue();
        assertThat(Installer.lintianFails("ERRFAIL", "warn")).isFalse();
        assertThat(Installer.lintianFails("ERRFAIL", "pass")).isFalse();
        assertThat(Installer.lintianFails("WARNFAIL", "warn")).isTrue();
        assertThat(Installer.lintianFails("WARNFAIL", "pass")).isFalse();
        assertThat(Installer.lintianFails("IGNORE", "error")).isFalse();
        assertThat(Installer.lintianFails("DISABLED", "fail")).isFalse();
    }

    @Test
    void autopkgtestAndPiupartsFailAsTheirModeSays() {
        assertThat(Installer.checkFails("ERRFAIL", "fail")).isTrue();
        assertThat(Installer.checkFails("ERRFAIL", "")).as("asked for, never ran").isTrue();
        assertThat(Installer.checkFails("ERRFAIL", "pass")).isFalse();
        assertThat(Installer.checkFails("ERRFAIL", "no tests")).isFalse();
        assertThat(Installer.checkFails("WARNFAIL", "fail")).isTrue();
        assertThat(Installer.checkFails("WARNFAIL", "no tests")).isFalse();
        assertThat(Installer.checkFails("IGNORE", "fail")).isFalse();
        assertThat(Installer.checkFails("DISABLED", "")).isFalse();
    }

    @Test
    void sbuildsChangesIsNamedWithoutTheEpoch() {
        var dir = Path.of("/r");
        assertThat(BuildResults.sbuildChanges(dir, "hello", "1:2.0-1", "amd64")).isEqualTo(dir.resolve("hello_2.0-1_amd64.changes"));
        assertThat(BuildResults.sbuildChanges(dir, "hello", "2.0-1", "amd64")).isEqualTo(dir.resolve("hello_2.0-1_amd64.changes"));
    }
}
