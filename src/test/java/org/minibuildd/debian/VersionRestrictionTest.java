package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRestrictionTest {

    private static final VersionRestriction D = VersionRestriction.DEFAULT;

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.0-1~test12+1,     false, true
            1.0-1~test12+9,     false, true
            1.0-1~test12+1fix3, false, true
            1.0-1~test12+0,     false, false
            1.0-1~test12+0,     true,  true
            1.0-1~test12+1,     true,  false
            1.0-1~test11+1,     false, false
            1.0-1,              false, false
            1.0-1~test123+1,    false, false
            """)
    void defaultLayout(String version, boolean experimental, boolean ok) {
        assertThat(D.matches(Version.parse(version), "test", "12", experimental)).isEqualTo(ok);
        assertThat(VersionRestriction.NONE.matches(Version.parse(version), "test", "12", experimental)).isTrue();
    }

    @Test
    void checkAndSuffixes() {
        assertThat(D.mandatoryRegex("test", "12", false)).isEqualTo("~test12\\+[1-9]");
        assertThat(D.mandatoryRegex("test", "~SID", true)).isEqualTo("~test~SID\\+0");
        assertThatThrownBy(() -> D.check(Version.parse("1.0-1"), "test", "12", "unstable", false))
                .isInstanceOf(DebianFormatException.class).hasMessage("Version \"1.0-1\": version restriction of suite"
                        + " \"unstable\" failed: \"~test12\\+[1-9]\" not found in it");
        D.check(Version.parse("1.0-1~test12+1"), "test", "12", "unstable", false);
        assertThat(D.portSuffix("test", "12", false)).isEqualTo("~test12+1");
        assertThat(D.portSuffix("test", "12", true)).isEqualTo("~test12+0");
        assertThat(D.externalPortVersion(Version.parse("1.0-1"), "test", "12", false).toString())
                .isEqualTo("1.0-1~test12+1");
        assertThatThrownBy(() -> new VersionRestriction("(", ".*", "", "")).hasMessageContaining("not a valid regular expression");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.2.3-1~testSID+1,      ~testSID\\+[1-9], ~test70+1, 1.2.3-1~test70+1
            1.2.3-1~testSID+4,      ~testSID\\+[1-9], ~test70+1, 1.2.3-1~test70+4
            1.2.3-1~testSID+4fud15, ~testSID\\+[1-9], ~test70+1, 1.2.3-1~test70+4fud15
            1.2.3-1~testSID+0exp2,  ~testSID\\+0,     ~test70+0, 1.2.3-1~test70+0exp2
            1.2.3-1,                .*,               ~port+1,   1.2.3-1~port+1
            """)
    void internalPortsLikeTheReference(String from, String fromRegex, String toSuffix, String expected) {
        assertThat(VersionRestriction.internalPortVersion(Version.parse(from), fromRegex, toSuffix).toString())
                .isEqualTo(expected);
    }

    @Test
    void rebuilds() {
        assertThat(VersionRestriction.rebuildVersion(Version.parse("1.2.3"), "20130215100453").toString())
                .isEqualTo("1.2.3+rebuilt20130215100453");
        assertThat(VersionRestriction.rebuildVersion(Version.parse("1.2.3+rebuilt20130215100453"), "20130217120517")
                .toString()).isEqualTo("1.2.3+rebuilt20130217120517");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            Debian, bookworm, 12.8,  12
            Debian, bullseye, 11.11, 11
            Debian, sarge,    3.1r8, 31
            Debian, etch,     4.0r9, 40
            Debian, squeeze,  6.0.6, 60
            Debian, wheezy,   7.1,   7
            Ubuntu, quantal,  12.10, 1210
            Debian, sid,      '',    ~SID
            Debian, trixie,   '',    ~TRIXIE
            """)
    void codeversions(String origin, String codename, String version, String expected) {
        assertThat(Codeversion.guess(origin, codename, version)).isEqualTo(expected);
    }

    @Test
    void codeversionOfARelease() {
        assertThat(Codeversion.of(Release.parse(Fixtures.RELEASE))).isEqualTo("12");
        assertThat(Codeversion.of(Release.parse("Origin: Debian\nCodename: sid\nSuite: unstable\n"))).isEqualTo("~SID");
    }
}
