package org.minibuildd.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which two versions debdiff compares when the caller names none or one (versions newest first). */
class DebdiffPickTest {

    private static final List<String> VERSIONS = List.of("1.2", "1.1", "1.0");

    @Test
    void withoutVersionsTheTwoNewestOldestFirst() {
        assertThat(Debdiff.pick(VERSIONS, "", null, "p")).containsExactly("1.1", "1.2");
    }

    @Test
    void oneGivenThenTheNewestOther() {
        assertThat(Debdiff.pick(VERSIONS, "1.2", "", "p")).containsExactly("1.2", "1.1");
        assertThat(Debdiff.pick(VERSIONS, "", "1.0", "p")).containsExactly("1.2", "1.0");
        assertThat(Debdiff.pick(VERSIONS, " 1.0 ", "1.2", "p")).containsExactly("1.0", "1.2");
    }

    @Test
    void refusesUnknownVersionsAndTooFewVersions() {
        assertThatThrownBy(() -> Debdiff.pick(VERSIONS, "9", "", "p")).isInstanceOf(RepositoryRefusal.class)
                .hasMessageContaining("no version 9 of p");
        assertThatThrownBy(() -> Debdiff.pick(List.of("1.0"), "", "", "p")).isInstanceOf(RepositoryRefusal.class)
                .hasMessageContaining("fewer than two versions");
        assertThat(Debdiff.pick(List.of("1.0"), "1.0", "1.0", "p")).containsExactly("1.0", "1.0");
    }
}
