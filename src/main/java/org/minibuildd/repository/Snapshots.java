package org.minibuildd.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.minibuildd.config.RepositoryService;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.internal.ReleaseSigner;
import org.minibuildd.repository.internal.RepositoryDisk;
import org.minibuildd.repository.internal.Reprepro;
import org.minibuildd.repository.internal.RepreproConf;
import org.minibuildd.repository.internal.Trees;
import org.springframework.stereotype.Service;

/**
 * Frozen states of a distribution, made by reprepro's {@code gensnapshot}: {@code dists/<diststr>/snapshots/<name>/}
 * is a signed Release with its indices, served with the repository, that apt reads as the suite
 * {@code <diststr>/snapshots/<name>}. The packages stay in the pool as long as a snapshot refers to them.
 */
@Service
public class Snapshots {

    /** A path segment apt and reprepro take as it is: no slash, no dot in front (the static tree hides those). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+~_-]{0,99}");

    private final RepositoryService repositories;
    private final RepositoryDisk disk;
    private final InstanceKeyStore keys;

    Snapshots(RepositoryService repositories, RepositoryDisk disk, InstanceKeyStore keys) {
        this.repositories = repositories;
        this.disk = disk;
        this.keys = keys;
    }

    /** The snapshots of the distribution, sorted by name. */
    public List<String> ls(String diststr) {
        return names(locate(diststr).snapshots());
    }

    /** Freezes the distribution as it is now under {@code name}; signed at once. */
    public void create(String diststr, String name) {
        var where = locate(diststr);
        checkName(name);
        where.reprepro().locked(() -> {
            if (Files.exists(where.snapshots().resolve(name))) {
                throw new RepositoryRefusal("snapshot '" + name + "' for '" + diststr + "' already exists");
            }
            try {
                return where.reprepro().run("gensnapshot", diststr, name);
            } finally {
                ReleaseSigner.signStale(where.reprepro().basedir(), keys.get());
            }
        });
    }

    /** Removes the snapshot; what only it still referred to leaves the pool. */
    public void delete(String diststr, String name) {
        var where = locate(diststr);
        checkName(name);
        where.reprepro().locked(() -> {
            var dir = where.snapshots().resolve(name);
            if (!Files.isDirectory(dir)) {
                throw new RepositoryRefusal("snapshot '" + name + "' for '" + diststr + "' does not exist (there are: "
                        + String.join(", ", names(where.snapshots())) + ")");
            }
            var reprepro = where.reprepro();
            reprepro.run("unreferencesnapshot", diststr, name);
            reprepro.run("deleteunreferenced");
            try {
                Trees.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
            return null;
        });
    }

    private record Location(Reprepro reprepro, Path snapshots) { }

    private Location locate(String diststr) {
        if (diststr == null || diststr.isBlank()) {
            throw new RepositoryRefusal("no distribution given");
        }
        for (var summary : repositories.all()) {
            var config = repositories.config(summary.identity());
            if (config.isPresent() && RepreproConf.diststrs(config.get()).contains(diststr)) {
                if (!disk.exists(summary.identity())) {
                    throw new RepositoryRefusal("repository " + summary.identity() + " is not prepared: prepare it first");
                }
                var reprepro = disk.reprepro(summary.identity());
                return new Location(reprepro, reprepro.basedir().resolve("dists").resolve(diststr).resolve(ReleaseSigner.SNAPSHOTS));
            }
        }
        throw new RepositoryRefusal("there is no distribution '" + diststr + "' (<codename>-<repository>-<suite>[-rollback<n>])");
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RepositoryRefusal("invalid snapshot name '" + name + "': letters, digits and . + ~ _ - only, "
                    + "starting with a letter or digit, at most 100 characters");
        }
    }

    private static List<String> names(Path snapshots) {
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (var entries = Files.list(snapshots)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + snapshots, e);
        }
    }
}
