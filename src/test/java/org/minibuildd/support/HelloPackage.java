package org.minibuildd.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny real C source package, lintian-clean at error level: {@code hello.c} and a Makefile upstream (an orig
 * tarball, format 3.0 (quilt)), {@code debian/} with control, changelog, rules (dh), copyright and source/format.
 * The binary package installs {@code /usr/bin/<name>}, which prints its name and version.
 */
public final class HelloPackage {

    /** What the upstream code does. */
    public enum Flavour {
        /** compiles and prints its name and version */
        GOOD,
        /** does not compile: the build fails */
        COMPILE_ERROR,
        /** compiles, but the build sleeps for minutes first (to cancel it mid-build) */
        SLOW,
        /** compiles, and has an autopkgtest that runs the installed program and checks what it prints */
        TESTS_PASS,
        /** compiles, and has an autopkgtest that fails */
        TESTS_FAIL,
        /** compiles, but its postinst fails: it cannot be installed (piuparts fails it) */
        POSTINST_FAILS
    }

    private static final String MAINTAINER = "mini-buildd tests <tests@example.org>";

    private HelloPackage() {
    }

    /**
     * Writes {@code <name>_<upstream>.orig.tar.gz} and builds {@code <name>_<version>.dsc} in {@code dir};
     * {@code version} is {@code <upstream>-<revision>}, e.g. {@code 1.0-1~test12+1}.
     */
    public static Path source(Path dir, String name, String version, String distribution, Flavour flavour) throws Exception {
        return source(dir, name, version, distribution, flavour, "");
    }

    /** As {@link #source(Path, String, String, String, Flavour)}, with more Build-Depends (comma separated; empty: none). */
    public static Path source(Path dir, String name, String version, String distribution, Flavour flavour, String buildDepends)
            throws Exception {
        var upstream = version.substring(0, version.lastIndexOf('-'));
        var tree = dir.resolve(name + "-" + upstream);
        Files.createDirectories(tree);
        var body = switch (flavour) {
            case COMPILE_ERROR -> "    this is not C;\n";
            default -> "    printf(\"%s %s\\n\", \"" + name + "\", \"" + version + "\");\n";
        };
        Files.writeString(tree.resolve("hello.c"), "#include <stdio.h>\n\nint main(void)\n{\n" + body + "    return 0;\n}\n");
        var wait = flavour == Flavour.SLOW ? "\tsleep 600\n" : "";
        Files.writeString(tree.resolve("Makefile"), """
                CFLAGS ?= -O2
                all: hello
                hello: hello.c
                %s\t$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ hello.c
                install: hello
                \tinstall -D -m 0755 hello $(DESTDIR)/usr/bin/%s
                clean:
                \trm -f hello
                .PHONY: all install clean
                """.formatted(wait, name));
        TinyPackages.run(dir, List.of("tar", "--create", "--gzip", "--owner=0", "--group=0", "--sort=name",
                "--file", name + "_" + upstream + ".orig.tar.gz", tree.getFileName().toString()));
        var debian = tree.resolve("debian");
        Files.createDirectories(debian.resolve("source"));
        Files.writeString(debian.resolve("control"), """
                Source: %1$s
                Section: misc
                Priority: optional
                Maintainer: %2$s
                Build-Depends: debhelper-compat (= 13)%3$s
                Standards-Version: 4.6.2
                Rules-Requires-Root: no

                Package: %1$s
                Architecture: any
                Depends: ${shlibs:Depends}, ${misc:Depends}
                Description: tiny C program for mini-buildd tests
                 It prints its name and version and exits.
                """.formatted(name, MAINTAINER, buildDepends.isBlank() ? "" : ", " + buildDepends.strip()));
        Files.writeString(debian.resolve("changelog"), """
                %s (%s) %s; urgency=medium

                  * Test build.

                 -- %s  Wed, 25 Nov 2026 12:00:00 +0000
                """.formatted(name, version, distribution, MAINTAINER));
        Files.writeString(debian.resolve("rules"), "#!/usr/bin/make -f\nexport DEB_BUILD_MAINT_OPTIONS = hardening=+all\n%:\n\tdh $@\n");
        debian.resolve("rules").toFile().setExecutable(true, false);
        Files.writeString(debian.resolve("copyright"), """
                Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                Upstream-Name: %1$s
                Source: https://example.org/%1$s

                Files: *
                Copyright: 2026 mini-buildd tests
                License: GPL-2+
                 This program is free software; you can redistribute it and/or modify it under the terms of the
                 GNU General Public License as published by the Free Software Foundation; either version 2 of the
                 License, or (at your option) any later version.
                 .
                 On Debian systems, the full text of the GNU General Public License version 2 can be found in
                 /usr/share/common-licenses/GPL-2.
                """.formatted(name));
        Files.writeString(debian.resolve("source/format"), "3.0 (quilt)\n");
        if (flavour == Flavour.TESTS_PASS || flavour == Flavour.TESTS_FAIL) {
            Files.createDirectories(debian.resolve("tests"));
            var check = flavour == Flavour.TESTS_PASS ? name + " | grep -qx '" + name + " " + version + "'" : "echo this test fails >&2; false";
            Files.writeString(debian.resolve("tests/control"), "Test-Command: " + check + "\nDepends: @\n");
        }
        if (flavour == Flavour.POSTINST_FAILS) {
            Files.writeString(debian.resolve("postinst"), "#!/bin/sh\nset -e\n#DEBHELPER#\necho 'this postinst fails' >&2\nexit 1\n");
            debian.resolve("postinst").toFile().setExecutable(true, false);
        }
        TinyPackages.run(dir, List.of("dpkg-source", "-b", tree.getFileName().toString()));
        return dir.resolve(name + "_" + version.replaceFirst("^\\d+:", "") + ".dsc");
    }
}
