package org.minibuildd.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.minibuildd.config.ConfigException;

/** On the machine's real distro-info-data, at fixed dates. */
class DistroInfoTest {

    private final DistroInfo info = new DistroInfo();

    @Test
    void supportedOnTheDayThisWasWritten() {
        var today = LocalDate.parse("2026-11-25");
        // bookworm's regular support ended 2026-07-11; it lives on in LTS until 2028-06-30.
        assertThat(info.codenames(DistroInfo.Scope.SUPPORTED, today)).containsExactly("trixie", "forky", "sid");
        assertThat(info.codenames(DistroInfo.Scope.LTS, today)).containsExactly("bookworm", "trixie", "forky", "sid");
        assertThat(info.codenames(DistroInfo.Scope.ALL, today)).contains("buzz", "bookworm", "duke", "sid")
                .doesNotContain("experimental");
    }

    @Test
    void supportedWhileBookwormWasStable() {
        assertThat(info.codenames(DistroInfo.Scope.SUPPORTED, LocalDate.parse("2024-01-01")))
                .containsExactly("bullseye", "bookworm", "trixie", "sid");
    }

    @Test
    void missingDataSaysWhatToInstall() {
        assertThatThrownBy(() -> new DistroInfo(Path.of("/nonexistent.csv")).codenames(DistroInfo.Scope.ALL, LocalDate.now()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("install distro-info-data");
    }
}
