package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.debian.AptIndex;
import org.minibuildd.repository.PackageListing;
import org.springframework.stereotype.Component;

/**
 * Which source versions a repository's distributions hold, read from the {@code Sources} indices reprepro exports
 * (what apt sees) and kept until one of them changes. Listing one source then costs a few file stats instead of a
 * reprepro process (30-40 ms on a busy machine), so {@code ls}/{@code show} stay fast in a repository of thousands
 * of sources. Changes still ask reprepro itself, under the repository's lock.
 */
@Component
public class SourcesIndex {

    /** A file's identity for the cache: reprepro writes indices anew and renames them, so time and size change. */
    private record Stamp(FileTime modified, long size, Object fileKey) { }

    private record Snapshot(Map<Path, Stamp> stamps, Map<String, List<PackageListing>> bySource) { }

    private final Map<Path, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** The source's entries, one per distribution (and component) that has it, in the repository's distribution order. */
    public List<PackageListing> sources(Path basedir, RepositoryConfig repository, String source) {
        var files = files(basedir, repository);
        var stamps = stamps(files);
        var snapshot = snapshots.get(basedir);
        if (snapshot == null || !snapshot.stamps().equals(stamps)) {
            snapshot = new Snapshot(stamps, read(files));
            snapshots.put(basedir, snapshot);
        }
        return snapshot.bySource().getOrDefault(source, List.of());
    }

    /** {@code dists/<diststr>/<component>/source/Sources} → its distribution and component, in order. */
    private static Map<Path, String[]> files(Path basedir, RepositoryConfig repository) {
        var files = new LinkedHashMap<Path, String[]>();
        for (var diststr : RepreproConf.diststrs(repository)) {
            var codename = diststr.substring(0, diststr.indexOf('-'));
            var components = repository.distribution(codename).map(RepositoryConfig.Distribution::components).orElse(List.of());
            for (var component : components) {
                files.put(basedir.resolve("dists").resolve(diststr).resolve(component).resolve("source/Sources"),
                        new String[] {diststr, component});
            }
        }
        return files;
    }

    private static Map<Path, Stamp> stamps(Map<Path, String[]> files) {
        var stamps = new HashMap<Path, Stamp>();
        for (var file : files.keySet()) {
            try {
                var attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.put(file, new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
            } catch (NoSuchFileException e) {
                stamps.put(file, new Stamp(FileTime.fromMillis(0), -1, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stamps;
    }

    private static Map<String, List<PackageListing>> read(Map<Path, String[]> files) {
        var bySource = new HashMap<String, List<PackageListing>>();
        files.forEach((file, where) -> {
            if (!Files.isRegularFile(file)) {
                return;
            }
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                AptIndex.sources(reader).forEach(e -> bySource.computeIfAbsent(e.name(), n -> new ArrayList<>())
                        .add(new PackageListing(e.name(), e.paragraph().text("Version").orElseThrow(), where[0], where[1], "source")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return bySource;
    }
}
