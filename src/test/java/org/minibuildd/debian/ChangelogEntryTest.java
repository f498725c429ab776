package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangelogEntryTest {

    @Test
    void readsTheTopEntry() {
        ChangelogEntry e = ChangelogEntry.parseFirst("\n" + Fixtures.CHANGELOG);
        assertThat(e.source()).isEqualTo("mbref-hello");
        assertThat(e.version().toString()).isEqualTo("1.0-1~test12+1");
        assertThat(e.distributions()).containsExactly("bookworm-test-unstable");
        assertThat(e.urgency()).contains("medium");
        assertThat(e.body()).containsExactly("  * Initial release.",
                "  * MINI_BUILDD_OPTION: piuparts-mode[amd64]=WARNFAIL",
                "  * MINI_BUILDD_OPTION: deb-build-options=nocheck parallel=2");
        assertThat(e.maintainer()).isEqualTo("Jane Doe <jane@example.org>");
        assertThat(e.date()).isEqualTo("Mon, 25 Nov 2024 08:57:13 +0000");
        // Only the top entry counts: the "bogus" option of the older entry is never read.
        assertThat(e.uploadOptions().asMap()).isEqualTo(Map.of("piuparts-mode[amd64]", "WARNFAIL",
                "deb-build-options", "nocheck parallel=2"));
    }

    @Test
    void keywordsAndSeveralDistributions() {
        ChangelogEntry e = ChangelogEntry.parseFirst("""
                pkg (2:1.0) unstable experimental; urgency=low, binary-only=yes
                  * x
                 -- A <a@b>  Mon, 25 Nov 2024 08:57:13 +0000
                """);
        assertThat(e.distributions()).isEqualTo(List.of("unstable", "experimental"));
        assertThat(e.keywords()).containsExactly(Map.entry("urgency", "low"), Map.entry("binary-only", "yes"));
    }

    @Test
    void faults() {
        assertFault("", "debian/changelog: no changelog entry found");
        assertFault("pkg 1.0 unstable; urgency=low\n",
                "debian/changelog line 1: expected \"<source> (<version>) <distribution>; urgency=<urgency>\"");
        assertFault("pkg (a.0) unstable; urgency=low\n",
                "debian/changelog line 1: Version \"a.0\": upstream version must start with a digit");
        assertFault("pkg (1.0) unstable; urgency\n",
                "debian/changelog line 1: expected \"<key>=<value>\" after ';', got \"urgency\"");
        assertFault("pkg (1.0) unstable; urgency=low, urgency=high\n",
                "debian/changelog line 1: keyword \"urgency\" given twice");
        assertFault("pkg (1.0) unstable; urgency=low\n  * x\n",
                "debian/changelog line 3: missing trailer \" -- <name> <<email>>  <date>\" of the first entry");
        assertFault("pkg (1.0) unstable; urgency=low\n  * x\n -- nobody\n",
                "debian/changelog line 3: expected trailer \" -- <name> <<email>>  <date>\"");
        assertFault("pkg (1.0) unstable; urgency=low\n  * x\nother (1) a; urgency=low\n",
                "debian/changelog line 3: expected an indented change line or the trailer \" -- <name> <<email>>  <date>\"");
    }

    private static void assertFault(String text, String message) {
        assertThatThrownBy(() -> ChangelogEntry.parseFirst(text)).isInstanceOf(DebianFormatException.class)
                .hasMessage(message);
    }

    @Test
    void itemsAreAppendedToTheFirstEntryOnOneLineEach() {
        var option = "MINI_BUILDD_OPTION: auto-ports=bookworm-other-unstable,bookworm-test-testing,bookworm-test-experimental";
        var text = ChangelogEntry.appendToFirst(Fixtures.CHANGELOG, List.of(option, "MINI_BUILDD_OPTION: lintian-mode=ignore"));
        var e = ChangelogEntry.parseFirst(text);
        assertThat(e.body()).endsWith("  * " + option, "  * MINI_BUILDD_OPTION: lintian-mode=ignore");
        assertThat(e.uploadOptions().autoPorts()).hasSize(3);
        // The older entries are as they were.
        assertThat(text.substring(text.indexOf(" -- "))).isEqualTo(Fixtures.CHANGELOG.substring(Fixtures.CHANGELOG.indexOf(" -- ")));
        assertThat(ChangelogEntry.appendToFirst(Fixtures.CHANGELOG, List.of())).isEqualTo(Fixtures.CHANGELOG);
        assertThatThrownBy(() -> ChangelogEntry.appendToFirst("x (1) unstable; urgency=low\n\n  * a\n", List.of("b")))
                .isInstanceOf(DebianFormatException.class);
    }
}
