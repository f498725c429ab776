package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.minibuildd.debian.UploadOptions.Key;

class UploadOptionsTest {

    @Test
    void fromTheTopBlockOfAChangesField() {
        UploadOptions o = UploadOptions.of(Changes.parse(Fixtures.CHANGES));
        assertThat(o.checkMode(Key.LINTIAN_MODE, "amd64")).contains(CheckMode.IGNORE);
        assertThat(o.checkMode(Key.LINTIAN_MODE, "i386")).contains(CheckMode.DISABLED);
        assertThat(o.checkMode(Key.LINTIAN_MODE, null)).contains(CheckMode.IGNORE);
        assertThat(o.checkMode(Key.PIUPARTS_MODE, "amd64")).isEmpty();
        assertThat(o.autoPorts()).containsExactly(DistributionString.parse("bullseye-test-unstable"),
                DistributionString.parse("bookworm-test-snapshot"));
        // internal-apt-priority is only in the second (older) block: ignored
        assertThat(o.internalAptPriority("amd64")).isEmpty();
        assertThat(o.toString()).isEqualTo("lintian-mode=IGNORE, lintian-mode[i386]=DISABLED,"
                + " auto-ports=bullseye-test-unstable,bookworm-test-snapshot");
    }

    @Test
    void valuesAndDeprecatedKeys() {
        UploadOptions o = UploadOptions.parse(List.of(
                "  * MINI_BUILDD_OPTION: internal-apt-priority=543",
                "  * MINI_BUILDD_OPTION: deb-build-profiles[arm64]=nocheck nodoc",
                "  *MINI_BUILDD_OPTION:add-depends=foo (>= 1.0), bar",
                "  * MINI_BUILDD_OPTION: ignore-lintian[i386]=true",
                "  * unrelated text"));
        assertThat(o.internalAptPriority(null)).isEqualTo(OptionalInt.of(543));
        assertThat(o.get(Key.DEB_BUILD_PROFILES, "arm64")).contains("nocheck nodoc");
        assertThat(o.get(Key.DEB_BUILD_PROFILES, "amd64")).isEmpty();
        assertThat(o.get(Key.ADD_DEPENDS, "amd64")).contains("foo (>= 1.0), bar");
        assertThat(o.checkMode(Key.LINTIAN_MODE, "i386")).contains(CheckMode.IGNORE);
        assertThat(UploadOptions.parse(List.of("no options")).isEmpty()).isTrue();
    }

    @Test
    void faultsNameTheKey() {
        assertFault("lintian-mod=ignore", "Upload option \"lintian-mod\": unknown option (known: lintian-mode,"
                + " piuparts-mode, autopkgtest-mode, internal-apt-priority, auto-ports, deb-build-options,"
                + " deb-build-profiles, add-depends)");
        assertFault("lintian-mode=sometimes", "Upload option \"lintian-mode\": invalid value: Check mode"
                + " \"sometimes\": expected one of DISABLED, IGNORE, ERRFAIL, WARNFAIL");
        assertFault("internal-apt-priority=high",
                "Upload option \"internal-apt-priority\": value \"high\" is not a whole number");
        assertFault("auto-ports=bookworm-test", "Upload option \"auto-ports\": invalid value: Distribution"
                + " \"bookworm-test\": expected \"<codename>-<repository>-<suite>[-rollback<N>]\"");
        assertFault("auto-ports[amd64]=a-b-c", "Upload option \"auto-ports[amd64]\": auto-ports does not take an architecture");
        assertFault("lintian-mode", "Upload option \"lintian-mode\": expected \"<key>[[<arch>]]=<value>\"");
        assertFault("lintian-mode=", "Upload option \"lintian-mode\": value must not be empty");
        assertFault("Lintian-Mode[x=1", "Upload option \"Lintian-Mode[x\": expected \"<key>\" or \"<key>[<arch>]\"");
        assertFault("run-lintian=maybe", "Upload option \"run-lintian\": value must be one of true, 1, false, 0");
        assertThatThrownBy(() -> UploadOptions.parse(List.of("* MINI_BUILDD_OPTION: lintian-mode[i386]=ignore",
                "* MINI_BUILDD_OPTION: lintian-mode[i386]=errfail")))
                .isInstanceOf(DebianFormatException.class)
                .hasMessage("Upload option \"lintian-mode[i386]\": given twice (first as \"IGNORE\")");
        // the same key for different architectures is fine
        assertThat(UploadOptions.parse(List.of("* MINI_BUILDD_OPTION: lintian-mode[i386]=ignore",
                "* MINI_BUILDD_OPTION: lintian-mode=errfail")).asMap()).hasSize(2);
    }

    private static void assertFault(String option, String message) {
        assertThatThrownBy(() -> UploadOptions.parse(List.of("  * MINI_BUILDD_OPTION: " + option)))
                .isInstanceOf(DebianFormatException.class).hasMessage(message);
    }
}
