package org.minibuildd.packager.internal;

import java.util.List;
import java.util.Optional;

/**
 * mini-buildd's three test sources, as the daemon makes them (our own files): an arch-all shell script, a small
 * C++ program, and one whose build always fails. Uploaded to a repository, the first two must end INSTALLED and
 * the third FAILED: a quick proof that packaging, building and installing work end to end.
 */
public final class TestTemplates {

    public static final String ARCHALL = "mbd-test-archall";
    public static final String CPP = "mbd-test-cpp";
    public static final String FTBFS = "mbd-test-ftbfs";

    /** In mini-buildd's order. */
    public static final List<String> NAMES = List.of(ARCHALL, CPP, FTBFS);

    private TestTemplates() {
    }

    /** The template of a test source; empty for a name that is none of {@link #NAMES}. */
    public static Optional<SourceTemplate> of(String name, String maintainer) {
        return Optional.ofNullable(switch (name) {
            case ARCHALL -> archall(maintainer);
            case CPP -> cpp(maintainer);
            case FTBFS -> ftbfs(maintainer);
            default -> null;
        });
    }

    /** Whether the packager must install it (or, for the FTBFS one, fail it). */
    public static boolean mustInstall(String name) {
        return !FTBFS.equals(name);
    }

    private static SourceTemplate archall(String maintainer) {
        return common(ARCHALL, maintainer, "all", "", "shell script test package for mini-buildd",
                "An architecture independent package: one shell script that says it works.")
                .executable(ARCHALL, """
                        #!/bin/sh
                        echo "%s: works"
                        """.formatted(ARCHALL))
                .text("debian/install", ARCHALL + " usr/bin\n")
                .build();
    }

    private static SourceTemplate cpp(String maintainer) {
        return common(CPP, maintainer, "any", "", "C++ test package for mini-buildd",
                "An architecture dependent package: a small C++ program, compiled and linked on the builder.")
                .text("main.cpp", """
                        #include <iostream>
                        #include <numeric>
                        #include <vector>

                        int main()
                        {
                            std::vector<int> numbers{1, 2, 3, 4};
                            std::cout << "%s: sum " << std::accumulate(numbers.begin(), numbers.end(), 0) << std::endl;
                            return 0;
                        }
                        """.formatted(CPP))
                .text("Makefile", """
                        CXXFLAGS ?= -O2
                        all: %1$s
                        %1$s: main.cpp
                        \t$(CXX) $(CPPFLAGS) $(CXXFLAGS) $(LDFLAGS) -o $@ main.cpp
                        install: %1$s
                        \tinstall -D -m 0755 %1$s $(DESTDIR)/usr/bin/%1$s
                        clean:
                        \trm -f %1$s
                        .PHONY: all install clean
                        """.formatted(CPP))
                .build();
    }

    private static SourceTemplate ftbfs(String maintainer) {
        return common(FTBFS, maintainer, "any",
                "override_dh_auto_build:\n\t@echo '" + FTBFS + ": this package fails to build on purpose' >&2\n\tfalse\n",
                "test package for mini-buildd that fails to build",
                "Its build always fails: the packager must report it FAILED and install nothing.")
                .build();
    }

    private static SourceTemplate.Builder common(String name, String maintainer, String architecture, String rules,
                                                 String synopsis, String description) {
        return SourceTemplate.of(name)
                .text("debian/control", """
                        Source: %1$s
                        Section: misc
                        Priority: optional
                        Maintainer: %2$s
                        Build-Depends: debhelper-compat (= 13)
                        Standards-Version: 4.6.2
                        Rules-Requires-Root: no

                        Package: %1$s
                        Architecture: %3$s
                        Depends: ${shlibs:Depends}, ${misc:Depends}
                        Description: %4$s
                         %5$s
                        """.formatted(name, maintainer, architecture, synopsis, description))
                .executable("debian/rules", "#!/usr/bin/make -f\n%:\n\tdh $@\n" + (rules.isEmpty() ? "" : "\n" + rules))
                .text("debian/source/format", "3.0 (native)\n")
                .text("debian/copyright", """
                        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                        Upstream-Name: %s

                        Files: *
                        Copyright: mini-buildd in Java authors
                        License: GPL-2+
                         On Debian systems, the full text of the GNU General Public License version 2 can be found in
                         /usr/share/common-licenses/GPL-2.
                        """.formatted(name));
    }
}
