package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionStringTest {

    @Test
    void parsesAndFormats() {
        DistributionString d = DistributionString.parse("bookworm-test-unstable");
        assertThat(d).isEqualTo(DistributionString.of("bookworm", "test", "unstable"));
        assertThat(d.isRollback()).isFalse();
        assertThat(d.rollbackNumber()).isEmpty();
        assertThat(d.toString()).isEqualTo("bookworm-test-unstable");
        DistributionString r = DistributionString.parse("squeeze-test-stable-rollback5");
        assertThat(r.rollbackNumber()).isEqualTo(OptionalInt.of(5));
        assertThat(r.withoutRollback().toString()).isEqualTo("squeeze-test-stable");
        assertThat(d.rollback(0).toString()).isEqualTo("bookworm-test-unstable-rollback0");
        assertThat(DistributionString.parse("sid-repo2-experimental").repository()).isEqualTo("repo2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-squeeze-stable", "squeeze--stable", "squeeze-test-stable-",
            "squeeze-test-stable-rollback", "squeeze-test-stable-rolback0", "squeeze-test-stable-rollback01",
            "squeeze-test", "a-b-c-rollback1-x", "Squeeze-test-stable", "squeeze-te_st-stable",
            "squeeze-test-stable2", "unstable", "squeeze-test-stable-rollback-1", "squeeze-test-stable-rollback9999999999"})
    void rejectsWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> DistributionString.parse(text)).isInstanceOf(DebianFormatException.class)
                .hasMessageStartingWith("Distribution \"" + text + "\": expected \"<codename>-<repository>-<suite>[-rollback<N>]\"");
        assertThat(DistributionString.isValid(text)).isFalse();
    }

    @Test
    void detailNamesThePart() {
        assertThatThrownBy(() -> DistributionString.parse("bookworm-Test-unstable"))
                .hasMessageEndingWith("; repository \"Test\" must consist of a-z and 0-9 only");
        assertThatThrownBy(() -> DistributionString.parse("bookworm--unstable"))
                .hasMessageEndingWith("; the repository is empty");
        assertThatThrownBy(() -> DistributionString.of("a", "b", "c1")).isInstanceOf(DebianFormatException.class)
                .hasMessage("Distribution \"a-b-c1\": suite \"c1\" must consist of a-z only");
    }
}
