package org.minibuildd.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.minibuildd.config.RepositoryService;
import org.minibuildd.debian.PackageName;
import org.minibuildd.debian.Version;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.repository.internal.RepositoryDisk;
import org.springframework.stereotype.Service;

/**
 * Debian's {@code debdiff} between two versions of a source package in a repository's pool. Without versions, the
 * two newest the repository holds in any distribution, rollbacks included, oldest first.
 */
@Service
public class Debdiff {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final RepositoryService repositories;
    private final RepositoryDisk disk;
    private final RepositoryPackages packages;
    private final ProcessRunner runner;

    Debdiff(RepositoryService repositories, RepositoryDisk disk, RepositoryPackages packages, ProcessRunner runner) {
        this.repositories = repositories;
        this.disk = disk;
        this.packages = packages;
        this.runner = runner;
    }

    /** The versions compared and debdiff's output as it printed it. */
    public record Result(String versionA, String versionB, String diff) { }

    /** {@code versionA}, {@code versionB}: empty or {@code null} for the defaults. */
    public Result debdiff(String identity, String source, String versionA, String versionB) {
        if (repositories.config(identity).isEmpty()) {
            throw new RepositoryRefusal("there is no repository '" + identity + "'");
        }
        if (!disk.exists(identity)) {
            throw new RepositoryRefusal("repository " + identity + " is not prepared: prepare it first");
        }
        var versions = packages.lsSource(identity, source).stream().map(PackageListing::version).distinct()
                .sorted(Comparator.comparing(Version::parse).reversed()).toList();
        if (versions.isEmpty()) {
            throw new RepositoryRefusal("there is no source package '" + source + "' in repository " + identity);
        }
        var pair = pick(versions, versionA, versionB, source + " in repository " + identity);
        var a = pair.getFirst();
        var b = pair.getLast();
        var dscA = dsc(identity, source, a);
        var dscB = dsc(identity, source, b);
        try {
            var result = runner.run(Command.of(List.of("debdiff", dscA.toString(), dscB.toString())).withTimeout(TIMEOUT));
            return new Result(a, b, result.stdoutText());
        } catch (ProcessFailedException.NonZeroExit e) {
            // debdiff exits 1 when the two differ: that is its answer, not a failure.
            if (e.exitCode() == 1) {
                return new Result(a, b, e.result().stdoutText());
            }
            throw new RepositoryException("debdiff " + source + " " + a + " " + b + " failed: " + e.stderrTail(), e);
        }
    }

    /**
     * The two versions to compare, {@code [a, b]}: given ones must be among {@code versions} (newest first); a missing
     * b is the newest other than a, a missing a the newest other than b (and older than it when b is picked too).
     */
    static List<String> pick(List<String> versions, String versionA, String versionB, String what) {
        var a = blank(versionA) ? null : versionA.strip();
        var b = blank(versionB) ? null : versionB.strip();
        for (var given : java.util.Arrays.asList(a, b)) {
            if (given != null && !versions.contains(given)) {
                throw new RepositoryRefusal("there is no version " + given + " of " + what
                        + " (there are: " + String.join(", ", versions) + ")");
            }
        }
        var givenA = a;
        var givenB = b;
        var others = new ArrayList<>(versions.stream().filter(v -> !v.equals(givenA) && !v.equals(givenB)).toList());
        int missing = (a == null ? 1 : 0) + (b == null ? 1 : 0);
        if (others.size() < missing) {
            throw new RepositoryRefusal("fewer than two versions of " + what + " (there are: " + String.join(", ", versions) + ")");
        }
        if (b == null) {
            b = others.removeFirst();
        }
        if (a == null) {
            a = others.removeFirst();
        }
        return List.of(a, b);
    }

    /** {@code pool/<component>/<prefix>/<source>/<source>_<version without epoch>.dsc}, in whichever component. */
    private Path dsc(String identity, String source, String version) {
        var name = source + "_" + Version.parse(version).withoutEpoch() + ".dsc";
        var pool = disk.directory(identity).resolve("pool");
        try (var components = Files.list(pool)) {
            return components.map(c -> c.resolve(PackageName.poolDirectory(source)).resolve(name)).filter(Files::isRegularFile)
                    .sorted().findFirst().map(Path::toAbsolutePath)
                    .orElseThrow(() -> new RepositoryException("the pool of " + identity + " has no " + name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pool of " + identity, e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
