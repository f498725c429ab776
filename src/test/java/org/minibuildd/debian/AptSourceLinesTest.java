package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AptSourceLinesTest {

    private static final String BASE = """
            deb http://deb.debian.org/debian/ bookworm main contrib non-free non-free-firmware
            # a comment
            deb http://deb.debian.org/debian-security bookworm-security main contrib non-free non-free-firmware
            """;

    @Test
    void linesTheBaseHasListsForAreLeftOutWhateverTheirOptionsAndSlashes() {
        var request = """
                deb [] http://deb.debian.org/debian/ bookworm main contrib non-free non-free-firmware
                deb [] http://deb.debian.org/debian/ bookworm-backports main contrib non-free non-free-firmware
                deb [arch=amd64 signed-by=/x.gpg] http://deb.debian.org/debian-security/ bookworm-security main
                deb [] http://localhost:8066/repositories/test bookworm-test-unstable main contrib non-free non-free-firmware
                """;
        assertThat(AptSourceLines.notCoveredBy(request, BASE)).containsExactly(
                "deb [] http://deb.debian.org/debian/ bookworm-backports main contrib non-free non-free-firmware",
                "deb [] http://localhost:8066/repositories/test bookworm-test-unstable main contrib non-free non-free-firmware");
    }

    @Test
    void aComponentTheBaseLacksOrAnotherTypeNeedsItsOwnUpdate() {
        assertThat(AptSourceLines.notCoveredBy("deb http://deb.debian.org/debian bookworm main", "deb http://deb.debian.org/debian bookworm main"))
                .isEmpty();
        assertThat(AptSourceLines.notCoveredBy("deb http://deb.debian.org/debian bookworm main contrib", "deb http://deb.debian.org/debian bookworm main"))
                .containsExactly("deb http://deb.debian.org/debian bookworm main contrib");
        assertThat(AptSourceLines.notCoveredBy("deb-src http://deb.debian.org/debian bookworm main", BASE))
                .containsExactly("deb-src http://deb.debian.org/debian bookworm main");
        assertThat(AptSourceLines.notCoveredBy("deb http://mirror.example.org/debian bookworm main", BASE)).hasSize(1);
    }

    @Test
    void withoutBaseEveryLineIsUpdatedAndNonSourceLinesAreDropped() {
        assertThat(AptSourceLines.notCoveredBy("# nothing\n\ndeb [ arch=amd64 ] http://a/ x main\nnot a line\ndeb http://b\n", ""))
                .containsExactly("deb [ arch=amd64 ] http://a/ x main");
        assertThat(AptSourceLines.parse("deb [ arch=amd64 ] http://a/ x main")).hasValueSatisfying(l -> {
            assertThat(l.uri()).isEqualTo("http://a");
            assertThat(l.suite()).isEqualTo("x");
            assertThat(l.components()).containsExactly("main");
        });
    }
}
