package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortVersionTest {

    private static final VersionRestriction D = VersionRestriction.DEFAULT;

    private static PortVersion.End end(String dist, String identity, String codeversion, boolean experimental) {
        return new PortVersion.End(dist, D, identity, codeversion, experimental);
    }

    /** mini-buildd's own examples (package.py gen_internal_port), sid→wheezy and wheezy→squeeze, identity "test". */
    @ParameterizedTest
    @CsvSource(textBlock = """
            1.2.3-1~testSID+1,      SID, 70, false, 1.2.3-1~test70+1
            1.2.3-1~testSID+4,      SID, 70, false, 1.2.3-1~test70+4
            1.2.3-1~testSID+4fud15, SID, 70, false, 1.2.3-1~test70+4fud15
            1.2.3-1~testSID+0,      SID, 70, true,  1.2.3-1~test70+0
            1.2.3-1~testSID+0exp2,  SID, 70, true,  1.2.3-1~test70+0exp2
            1.2.3-1~test70+1,       70,  60, false, 1.2.3-1~test60+1
            1.2.3-1~test70+4,       70,  60, false, 1.2.3-1~test60+4
            1.2.3-1~test70+4fud15,  70,  60, false, 1.2.3-1~test60+4fud15
            1.2.3-1~test70+0,       70,  60, true,  1.2.3-1~test60+0
            1.2.3-1~test70+0exp2,   70,  60, true,  1.2.3-1~test60+0exp2
            """)
    void internalPortsAsTheReference(String from, String fromCv, String toCv, boolean experimental, String expected) {
        var version = PortVersion.internal(Version.parse(from), end("a-test-s", "test", fromCv, experimental),
                end("b-test-s", "test", toCv, experimental), "20260101000000");
        assertThat(version.toString()).isEqualTo(expected);
    }

    @Test
    void toAnotherRepositoryTheTargetsIdentityCounts() {
        assertThat(PortVersion.internal(Version.parse("1.0-1~test12+2"), end("bookworm-test-unstable", "test", "12", false),
                end("bookworm-other-unstable", "other", "12", false), "x").toString()).isEqualTo("1.0-1~other12+2");
    }

    @Test
    void intoAndOutOfExperimentalTheTargetsDefaultSuffixIsUsed() {
        var unstable = end("bookworm-test-unstable", "test", "12", false);
        var experimental = end("bookworm-test-experimental", "test", "12", true);
        assertThat(PortVersion.internal(Version.parse("1.0-1~test12+3"), unstable, experimental, "x").toString())
                .isEqualTo("1.0-1~test12+0");
        assertThat(PortVersion.internal(Version.parse("1.0-1~test12+0"), experimental, unstable, "x").toString())
                .isEqualTo("1.0-1~test12+1");
        assertThat(D.matches(Version.parse("1.0-1~test12+0"), "test", "12", true)).isTrue();
    }

    @Test
    void theSameDistributionIsARebuild() {
        var unstable = end("bookworm-test-unstable", "test", "12", false);
        var stamp = PortVersion.stamp(ZonedDateTime.of(2013, 2, 15, 11, 4, 53, 0, ZoneId.of("Europe/Berlin")));
        assertThat(stamp).isEqualTo("20130215100453");
        assertThat(PortVersion.internal(Version.parse("1.2.3~test12+1"), unstable, unstable, stamp).toString())
                .isEqualTo("1.2.3~test12+1+rebuilt20130215100453");
        assertThat(PortVersion.internal(Version.parse("1.2.3~test12+1+rebuilt20130215100453"), unstable, unstable, "20130217120517")
                .toString()).isEqualTo("1.2.3~test12+1+rebuilt20130217120517");
    }

    @Test
    void externalPortsAppendTheTargetsDefaultSuffix() {
        assertThat(PortVersion.external(Version.parse("1.2.3"), end("squeeze-test-unstable", "test", "60", false)).toString())
                .isEqualTo("1.2.3~test60+1");
        assertThat(PortVersion.external(Version.parse("2:1.0-1"), end("bookworm-test-experimental", "test", "12", true)).toString())
                .isEqualTo("2:1.0-1~test12+0");
    }
}
