package org.minibuildd.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.minibuildd.config.Layout;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.Dsc;
import org.minibuildd.debian.PackageName;
import org.minibuildd.debian.Version;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.internal.Aside;
import org.minibuildd.repository.internal.ReleaseSigner;
import org.minibuildd.repository.internal.RepositoryDisk;
import org.minibuildd.repository.internal.Reprepro;
import org.minibuildd.repository.internal.RepreproConf;
import org.minibuildd.repository.internal.SourcesIndex;
import org.springframework.stereotype.Service;

/**
 * What goes into and out of a repository: include sources and binaries, list, remove, copy between
 * distributions, and install with mini-buildd's rollback shift. Every change ends with the touched distributions
 * signed again; every refusal carries reprepro's reason and leaves the repository as it was.
 */
@Service
public class RepositoryPackages {

    private final RepositoryService repositories;
    private final RepositoryDisk disk;
    private final InstanceKeyStore keys;
    private final SourcesIndex sourcesIndex;

    RepositoryPackages(RepositoryService repositories, RepositoryDisk disk, InstanceKeyStore keys, SourcesIndex sourcesIndex) {
        this.repositories = repositories;
        this.disk = disk;
        this.keys = keys;
        this.sourcesIndex = sourcesIndex;
    }

    /** The repository's directory ({@code home/repositories/<id>}), where its {@code pool/} is. */
    public Path repositoryDirectory(String identity) {
        return disk.directory(identity);
    }

    /** Every version of the source package (and its binaries) in the repository, rollbacks included. */
    public List<PackageListing> ls(String identity, String source) {
        return listing(reprepro(identity).run("lsbycomponent", source));
    }

    /** Only the source entries: one per distribution the source is in. */
    public List<PackageListing> lsSource(String identity, String source) {
        return listing(reprepro(identity).run("--type", "dsc", "lsbycomponent", source));
    }

    /**
     * As {@link #lsSource}, read from the exported Sources indices (what apt sees) through a cache kept until they
     * change: no reprepro process, for listings that only read ({@code ls}, {@code show}).
     */
    public List<PackageListing> lsExported(String identity, String source) {
        var repository = config(identity);
        if (!disk.exists(identity)) {
            throw new RepositoryException("repository " + identity + " is not prepared: prepare it first");
        }
        return sourcesIndex.sources(disk.directory(identity), repository, source);
    }

    public void includeSource(String identity, String diststr, Path dsc) {
        change(identity, diststr, r -> r.run("includedsc", diststr, dsc.toAbsolutePath().toString()));
    }

    /** The binaries (and whatever else) a .changes lists, as a build result brings them. */
    public void includeChanges(String identity, String diststr, Path changes) {
        change(identity, diststr, r -> r.run("include", diststr, changes.toAbsolutePath().toString()));
    }

    public void includeDeb(String identity, String diststr, Path deb) {
        change(identity, diststr, r -> r.run("includedeb", diststr, deb.toAbsolutePath().toString()));
    }

    /** Removes the source package and its binaries; with a version, only that version. */
    public void remove(String identity, String diststr, String source, String version) {
        change(identity, diststr, r -> r.run(withVersion(List.of("removesrc", diststr, source), version)));
    }

    /** Copies the source package and its binaries from one distribution to another (migrate, port, rollback). */
    public void copy(String identity, String from, String to, String source, String version) {
        distribution(identity, from);
        change(identity, to, r -> r.run(withVersion(List.of("copysrc", to, from, source), version)));
    }

    /**
     * Installs a built package into {@code <codename>-<identity>-<suite>}: the version there before moves to
     * {@code -rollback0}, older rollbacks move up, the oldest beyond the layout's count is dropped. Then the source
     * and every .changes of the build results go in; if any of them is refused, what was installed is taken out
     * again and the previous version comes back from {@code -rollback0}.
     */
    public void install(String identity, String codename, String suite, Path dsc, List<Path> changes) {
        var repository = config(identity);
        var suiteOption = repository.layout().suite(suite)
                .orElseThrow(() -> new RepositoryException("repository " + identity + " has no suite " + suite));
        var diststr = repository.diststr(codename, suite);
        distribution(repository, diststr);
        var sourcePackage = dsc(dsc);
        var source = sourcePackage.source();
        var reprepro = reprepro(identity);
        reprepro.locked(() -> {
            var listing = lsSource(identity, source);
            boolean installed = listing.stream().anyMatch(l -> l.distribution().equals(diststr));
            // The same version already there means this install ran before and the daemon died before it could
            // record that: no shift (it would push the new version into the rollbacks); the includes below find
            // everything in place and change nothing.
            boolean again = listing.stream().anyMatch(l -> l.distribution().equals(diststr)
                    && l.version().equals(sourcePackage.version().toString()));
            if (installed && !again) {
                shiftRollbacks(repository, codename, suiteOption, source, listing);
            }
            // Without rollbacks nothing else holds the version the include replaces: keep its files aside, so a
            // failed install can put it back.
            var aside = installed && !again && suiteOption.rollback() == 0 ? Aside.keep(reprepro, diststr, source, listing) : null;
            try {
                if (again) {
                    // What went in before the crash is skipped as "already there"; what had not yet goes in now.
                    reprepro.runAgain("includedsc", diststr, dsc.toAbsolutePath().toString());
                    for (var result : changes) {
                        reprepro.runAgain("include", diststr, result.toAbsolutePath().toString());
                    }
                    return null;
                }
                reprepro.run("includedsc", diststr, dsc.toAbsolutePath().toString());
                for (var result : changes) {
                    reprepro.run("include", diststr, result.toAbsolutePath().toString());
                }
            } catch (RepositoryException e) {
                if (again) {
                    // Never take out a version that was installed in full before the crash; say what is wrong.
                    throw new RepositoryException("installing " + source + " into " + diststr + " again failed: " + e.getMessage(), e);
                }
                reprepro.run("removesrc", diststr, source);
                if (aside != null) {
                    aside.restore();
                } else if (installed) {
                    // The shift put the replaced version into rollback0, or found it in some rollback already.
                    var replaced = listing.stream().filter(l -> l.distribution().equals(diststr)).findFirst().orElseThrow().version();
                    var keeper = listing.stream().filter(l -> l.distribution().startsWith(diststr + "-rollback")
                            && l.version().equals(replaced)).map(PackageListing::distribution).findFirst()
                            .orElse(repository.diststr(codename, suite, 0));
                    reprepro.run("copysrc", diststr, keeper, source, replaced);
                }
                throw new RepositoryException("installing " + source + " into " + diststr + " failed, nothing changed: "
                        + e.getMessage(), e);
            } finally {
                if (aside != null) {
                    aside.close();
                }
                ReleaseSigner.signStale(reprepro.basedir(), keys.get());
            }
            return null;
        });
    }

    /**
     * Copies a source package and its binaries from {@code from} (a distribution or one of its rollbacks) to
     * {@code to}; what {@code to} had shifts into its rollbacks first, as an install does.
     *
     * @param version the version to copy; {@code from} must have it
     */
    public void migrate(String identity, String from, String to, String source, String version) {
        var repository = config(identity);
        distribution(repository, from);
        distribution(repository, to);
        var target = DistributionString.parse(to);
        var suite = suiteOption(repository, target.suite());
        var reprepro = reprepro(identity);
        reprepro.locked(() -> {
            try {
                shiftRollbacks(repository, target.codename(), suite, source, lsSource(identity, source));
                reprepro.run("copysrc", to, from, source, version);
            } finally {
                ReleaseSigner.signStale(reprepro.basedir(), keys.get());
            }
            return null;
        });
    }

    /**
     * Removes a source package and its binaries from one distribution. From a distribution, the removed version
     * first shifts into its rollbacks (unless {@code withoutRollback}); from a rollback, the older rollbacks move
     * down one to close the gap, as mini-buildd does.
     *
     * @param version the version to remove, or null for whatever version the distribution has
     */
    public void remove(String identity, String diststr, String source, String version, boolean withoutRollback) {
        var repository = config(identity);
        distribution(repository, diststr);
        var dist = DistributionString.parse(diststr);
        var suite = suiteOption(repository, dist.suite());
        var reprepro = reprepro(identity);
        reprepro.locked(() -> {
            try {
                var listing = lsSource(identity, source);
                if (!dist.isRollback() && !withoutRollback) {
                    shiftRollbacks(repository, dist.codename(), suite, source, listing);
                }
                reprepro.run(withVersion(List.of("removesrc", diststr, source), version));
                for (int r = dist.rollback(); dist.isRollback() && r < suite.rollback() - 1; r++) {
                    var older = repository.diststr(dist.codename(), dist.suite(), r + 1);
                    if (listing.stream().anyMatch(l -> l.distribution().equals(older))) {
                        reprepro.run("copysrc", repository.diststr(dist.codename(), dist.suite(), r), older, source);
                        reprepro.run("removesrc", older, source);
                    }
                }
            } finally {
                ReleaseSigner.signStale(reprepro.basedir(), keys.get());
            }
            return null;
        });
    }

    /**
     * Where a source version's .dsc is, relative to the repositories directory ({@code <identity>/pool/…}), as
     * mini-buildd's {@code dsc_path}; empty when the pool has no such file.
     */
    public Optional<String> dscPath(String identity, String component, String source, String version) {
        var relative = "pool/" + component + "/" + PackageName.poolDirectory(source) + "/" + source + "_"
                + Version.parse(version).withoutEpoch() + ".dsc";
        return Files.isRegularFile(disk.directory(identity).resolve(relative)) ? Optional.of(identity + "/" + relative)
                : Optional.empty();
    }

    /** The exported {@code Packages} index files of a distribution for one architecture, one per component. */
    public List<Path> packagesIndices(String identity, String diststr, String architecture) {
        var repository = config(identity);
        distribution(repository, diststr);
        var dist = DistributionString.parse(diststr);
        var components = repository.distribution(dist.codename()).map(RepositoryConfig.Distribution::components).orElse(List.of());
        return components.stream().map(c -> disk.directory(identity).resolve("dists").resolve(diststr).resolve(c)
                .resolve("binary-" + architecture).resolve("Packages")).filter(Files::isRegularFile).toList();
    }

    /**
     * Runs a maintenance action with the repository locked against every other change of this daemon (installs,
     * migrations, removals), so that what the action checked first still holds when it changes the repository.
     */
    public <T> T locked(String identity, java.util.function.Supplier<T> work) {
        return reprepro(identity).locked(work);
    }

    /** reprepro's own consistency check of the database against the pool. */
    public void check(String identity) {
        reprepro(identity).run("check");
    }

    /**
     * Moves what is in {@code diststr} one rollback up, as mini-buildd does before an install or a remove. A
     * version already among the rollbacks is not copied again. {@code listing} is the source's current listing,
     * taken under the same lock.
     */
    private void shiftRollbacks(RepositoryConfig repository, String codename, Layout.SuiteOption suite, String source,
                                List<PackageListing> listing) {
        var diststr = repository.diststr(codename, suite.suite());
        var current = listing.stream().filter(l -> l.distribution().equals(diststr)).map(PackageListing::version).findFirst();
        var rollbackPrefix = diststr + "-rollback";
        if (current.isEmpty() || listing.stream().anyMatch(l -> l.distribution().startsWith(rollbackPrefix)
                && l.version().equals(current.get()))) {
            return;
        }
        var reprepro = reprepro(repository.identity());
        for (int r = suite.rollback() - 1; r >= 0; r--) {
            var from = r == 0 ? diststr : repository.diststr(codename, suite.suite(), r - 1);
            int previous = r - 1;
            boolean present = r == 0 || listing.stream().anyMatch(l -> l.distribution().equals(
                    repository.diststr(codename, suite.suite(), previous)));
            if (present) {
                reprepro.run("copysrc", repository.diststr(codename, suite.suite(), r), from, source);
            }
        }
    }

    private static Layout.SuiteOption suiteOption(RepositoryConfig repository, String suite) {
        return repository.layout().suite(suite).orElseThrow(() -> new RepositoryException(
                "repository " + repository.identity() + " has no suite " + suite));
    }

    private void change(String identity, String diststr, Function<Reprepro, String> command) {
        distribution(identity, diststr);
        var reprepro = reprepro(identity);
        reprepro.locked(() -> {
            try {
                return command.apply(reprepro);
            } finally {
                ReleaseSigner.signStale(reprepro.basedir(), keys.get());
            }
        });
    }

    private RepositoryConfig config(String identity) {
        return repositories.config(identity)
                .orElseThrow(() -> new RepositoryException("there is no repository \"" + identity + "\""));
    }

    private Reprepro reprepro(String identity) {
        if (!disk.exists(identity)) {
            config(identity);
            throw new RepositoryException("repository " + identity + " is not prepared: prepare it first");
        }
        return disk.reprepro(identity);
    }

    private void distribution(String identity, String diststr) {
        distribution(config(identity), diststr);
    }

    private static void distribution(RepositoryConfig repository, String diststr) {
        if (!RepreproConf.diststrs(repository).contains(diststr)) {
            throw new RepositoryException("repository " + repository.identity() + " has no distribution " + diststr);
        }
    }

    private static List<String> withVersion(List<String> arguments, String version) {
        var all = new ArrayList<>(arguments);
        if (version != null && !version.isBlank()) {
            all.add(version);
        }
        return all;
    }

    private static List<PackageListing> listing(String output) {
        return output.lines().filter(l -> l.contains("|")).map(PackageListing::parse).toList();
    }

    private static Dsc dsc(Path dsc) {
        try {
            return Dsc.parse(Files.readString(dsc));
        } catch (IOException | DebianFormatException e) {
            throw new RepositoryException("cannot read " + dsc.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
