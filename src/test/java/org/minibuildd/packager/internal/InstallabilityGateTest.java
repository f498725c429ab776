package org.minibuildd.packager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.minibuildd.debian.AptIndex;

/** Reading dose-debcheck's report and telling a source's binaries in a Packages index. */
class InstallabilityGateTest {

    @Test
    void reasonsNameEachBrokenPackageWithItsUnsatisfiedDependencyOrConflict() {
        // dose-debcheck 7's report for a package missing a dependency and one with a conflict (trimmed).
        var report = """
                output-version: 1.2
                native-architecture: amd64
                report:
                 -
                  package: a
                  version: 1.0
                  architecture: all
                  status: broken
                  reasons:
                   -
                    missing:
                     pkg:
                      package: a
                      version: 1.0
                      architecture: all
                      unsat-dependency: b:amd64 (>= 1)
                 -
                  package: c
                  version: 2.0
                  architecture: amd64
                  status: broken
                  reasons:
                   -
                    conflict:
                     pkg1:
                      package: c
                      version: 2.0
                      architecture: amd64
                      unsat-conflict: d:amd64
                """;
        assertThat(InstallabilityGate.reasons(report, "amd64")).containsExactly(
                "a 1.0 (amd64): depends on b:amd64 (>= 1)", "c 2.0 (amd64): conflicts with d:amd64");
        assertThat(InstallabilityGate.reasons("report:\nbroken-packages: 0\n", "amd64")).isEmpty();
    }

    @Test
    void aBinaryBelongsToItsSourceByTheSourceFieldOrItsOwnNameAndVersion() {
        var index = """
                Package: hello
                Version: 1.0
                Architecture: amd64

                Package: libhello1
                Source: hello
                Version: 1.0
                Architecture: amd64

                Package: hello-data
                Source: hello (1.0)
                Version: 1:1.0+b1
                Architecture: all

                Package: other
                Source: hello-other
                Version: 1.0
                Architecture: all
                """;
        assertThat(AptIndex.packages(new StringReader(index)).filter(e -> InstallabilityGate.ofSource(e, "hello", "1.0"))
                .map(AptIndex.Entry::name)).containsExactly("hello", "libhello1", "hello-data");
    }
}
