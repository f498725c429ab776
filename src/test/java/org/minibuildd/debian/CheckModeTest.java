package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckModeTest {

    @Test
    void lintianFailsAsItsModeSays() {
        assertThat(CheckMode.ERRFAIL.lintianFails("error")).isTrue();
        assertThat(CheckMode.ERRFAIL.lintianFails("fail")).isTrue();
        assertThat(CheckMode.ERRFAIL.lintianFails("warn")).isFalse();
        assertThat(CheckMode.ERRFAIL.lintianFails("pass")).isFalse();
        assertThat(CheckMode.WARNFAIL.lintianFails("warn")).isTrue();
        assertThat(CheckMode.WARNFAIL.lintianFails("pass")).isFalse();
        assertThat(CheckMode.IGNORE.lintianFails("error")).isFalse();
        assertThat(CheckMode.DISABLED.lintianFails("fail")).isFalse();
    }

    @Test
    void piupartsAndAutopkgtestFailWhenAskedForAndFailedOrNeverRun() {
        assertThat(CheckMode.ERRFAIL.checkFails("fail")).isTrue();
        assertThat(CheckMode.ERRFAIL.checkFails("")).as("asked for, never ran").isTrue();
        assertThat(CheckMode.ERRFAIL.checkFails("pass")).isFalse();
        assertThat(CheckMode.ERRFAIL.checkFails("no tests")).isFalse();
        assertThat(CheckMode.WARNFAIL.checkFails("fail")).isTrue();
        assertThat(CheckMode.WARNFAIL.checkFails("no tests")).isFalse();
        assertThat(CheckMode.IGNORE.checkFails("fail")).isFalse();
        assertThat(CheckMode.DISABLED.checkFails("")).isFalse();
    }

    @Test
    void parsesInAnyLetterCase() {
        assertThat(CheckMode.parse(" errfail ")).isEqualTo(CheckMode.ERRFAIL);
    }
}
