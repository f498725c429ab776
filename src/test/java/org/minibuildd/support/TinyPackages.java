package org.minibuildd.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Real, tiny Debian packages for tests, made by Debian's own tools: a native source package with
 * {@code dpkg-source -b}, an arch-all binary package with {@code dpkg-deb --build}, and the .changes a build
 * result would carry for it. The binary installs {@code /usr/bin/<name>}, which prints its name and version.
 */
public final class TinyPackages {

    private static final String MAINTAINER = "mini-buildd tests <tests@example.org>";
    private static final String DATE = "Wed, 25 Nov 2026 12:00:00 +0000";

    private TinyPackages() {
    }

    /** {@code <name>_<version>.dsc} (and its tarball) in {@code dir}. */
    public static Path source(Path dir, String name, String version) throws Exception {
        return source(dir, name, version, "");
    }

    /** As {@link #source(Path, String, String)}; {@code extra} lands in a README, to make different content. */
    public static Path source(Path dir, String name, String version, String extra) throws Exception {
        return source(dir, name, version, extra, "unstable");
    }

    /** As {@link #source(Path, String, String, String)}, with {@code distribution} in the changelog entry. */
    public static Path source(Path dir, String name, String version, String extra, String distribution) throws Exception {
        var tree = dir.resolve(name + "-" + version);
        Files.createDirectories(tree.resolve("debian/source"));
        Files.writeString(tree.resolve("debian/control"), """
                Source: %1$s
                Section: misc
                Priority: optional
                Maintainer: %2$s
                Standards-Version: 4.6.2

                Package: %1$s
                Architecture: all
                Description: tiny package for mini-buildd tests
                 It prints its name and version.
                """.formatted(name, MAINTAINER));
        Files.writeString(tree.resolve("debian/changelog"), "%s (%s) %s; urgency=medium\n\n  * Test.\n\n -- %s  %s\n"
                .formatted(name, version, distribution, MAINTAINER, DATE));
        Files.writeString(tree.resolve("debian/source/format"), "3.0 (native)\n");
        Files.writeString(tree.resolve("debian/rules"), "#!/usr/bin/make -f\n%:\n\tdh $@\n");
        Files.writeString(tree.resolve("README"), name + " " + version + "\n" + extra);
        run(dir, List.of("dpkg-source", "-b", tree.getFileName().toString()));
        return dir.resolve(name + "_" + version + ".dsc");
    }

    /**
     * A non-native ({@code 3.0 (quilt)}) source package {@code <name>_<upstream>-<revision>.dsc} in {@code dir}, with
     * its orig tarball {@code <name>_<upstream>.orig.tar.gz} holding a README of {@code upstreamText}: two calls with
     * the same upstream version and other text make two different orig tarballs of one name. An orig tarball already
     * in {@code dir} is used as it is, as dpkg-source does.
     */
    public static Path quiltSource(Path dir, String name, String upstream, String revision, String upstreamText,
                                   String distribution) throws Exception {
        var version = upstream + "-" + revision;
        var tree = dir.resolve(name + "-" + version);
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("README"), name + " upstream " + upstream + "\n" + upstreamText + "\n");
        if (!Files.exists(dir.resolve(name + "_" + upstream + ".orig.tar.gz"))) {
            run(dir, List.of("tar", "-czf", name + "_" + upstream + ".orig.tar.gz", tree.getFileName().toString()));
        }
        Files.createDirectories(tree.resolve("debian/source"));
        Files.writeString(tree.resolve("debian/control"), """
                Source: %1$s
                Section: misc
                Priority: optional
                Maintainer: %2$s
                Standards-Version: 4.6.2

                Package: %1$s
                Architecture: all
                Description: tiny package for mini-buildd tests
                 It has an upstream tarball.
                """.formatted(name, MAINTAINER));
        Files.writeString(tree.resolve("debian/changelog"), "%s (%s) %s; urgency=medium\n\n  * Test.\n\n -- %s  %s\n"
                .formatted(name, version, distribution, MAINTAINER, DATE));
        Files.writeString(tree.resolve("debian/source/format"), "3.0 (quilt)\n");
        Files.writeString(tree.resolve("debian/rules"), "#!/usr/bin/make -f\n%:\n\tdh $@\n");
        run(dir, List.of("dpkg-source", "-b", tree.getFileName().toString()));
        return dir.resolve(name + "_" + version + ".dsc");
    }

    /**
     * The unsigned source upload {@code <name>_<version>_source.changes} made by {@code dpkg-genchanges -S} for a
     * package {@link #source} built in {@code dir}, to the distribution its changelog names.
     */
    public static Path sourceChanges(Path dir, String name, String version) throws Exception {
        var changes = name + "_" + version + "_source.changes";
        run(dir.resolve(name + "-" + version), List.of("dpkg-genchanges", "-S", "-O../" + changes));
        return dir.resolve(changes);
    }

    /** {@code <name>_<version>_all.deb} in {@code dir}. */
    public static Path binary(Path dir, String name, String version) throws Exception {
        return binary(dir, name, version, "");
    }

    /** As {@link #binary(Path, String, String)}, with a {@code Depends} field when {@code depends} is not blank. */
    public static Path binary(Path dir, String name, String version, String depends) throws Exception {
        var root = dir.resolve("deb-" + name + "-" + version);
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(root.resolve("DEBIAN/control"), """
                Package: %s
                Version: %s
                Architecture: all
                Maintainer: %s
                Section: misc
                Priority: optional
                %sDescription: tiny package for mini-buildd tests
                 It prints its name and version.
                """.formatted(name, version, MAINTAINER, depends.isBlank() ? "" : "Depends: " + depends + "\n"));
        var program = root.resolve("usr/bin/" + name);
        Files.writeString(program, "#!/bin/sh\necho \"" + name + " " + version + "\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        var deb = dir.resolve(name + "_" + version + "_all.deb");
        run(dir, List.of("dpkg-deb", "--root-owner-group", "--build", root.toString(), deb.toString()));
        return deb;
    }

    /** A .changes for the binary, as a build result brings it to the repository (unsigned), for the distribution. */
    public static Path binaryChanges(Path dir, String name, String version, Path deb, String distribution) throws IOException {
        var bytes = Files.readAllBytes(deb);
        var file = deb.getFileName().toString();
        var changes = """
                Format: 1.8
                Date: %2$s
                Source: %1$s
                Binary: %1$s
                Architecture: all
                Version: %3$s
                Distribution: %10$s
                Urgency: medium
                Maintainer: %4$s
                Description:
                 %1$s - tiny package for mini-buildd tests
                Changes:
                 %1$s (%3$s) unstable; urgency=medium
                 .
                   * Test.
                Checksums-Sha1:
                 %5$s %6$d %7$s
                Checksums-Sha256:
                 %8$s %6$d %7$s
                Files:
                 %9$s %6$d misc optional %7$s
                """.formatted(name, DATE, version, MAINTAINER, digest("SHA-1", bytes), bytes.length, file,
                digest("SHA-256", bytes), digest("MD5", bytes), distribution);
        var path = dir.resolve(name + "_" + version + "_all.changes");
        Files.writeString(path, changes, StandardCharsets.UTF_8);
        return path;
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command, failing the test with its output when it fails. */
    public static String run(Path dir, List<String> command) throws Exception {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
