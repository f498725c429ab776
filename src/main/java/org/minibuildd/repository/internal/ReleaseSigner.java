package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.openpgp.InstanceKey;

/**
 * The repair path for Releases reprepro left unsigned: reprepro signs its own exports ({@code SignWith}, see
 * {@link RepreproConf}), so this only finds work in a repository exported before it did, or one whose configuration
 * was not yet rewritten. Every {@code dists/<dist>/Release} newer than its signatures gets a fresh {@code Release.gpg}
 * (detached) and {@code InRelease} (clearsigned). Each is written to a temporary file and renamed, InRelease last.
 * What reprepro signed is never touched: its signatures are written after its Release, so they are not older (one
 * stat per file: this runs after every change). Snapshots ({@code dists/<dist>/snapshots/<name>/}, made by reprepro's
 * {@code gensnapshot}) are Releases apt reads alike and are judged the same way.
 */
public final class ReleaseSigner {

    /** The directory under a distribution's {@code dists/<dist>/} where reprepro puts its snapshots. */
    public static final String SNAPSHOTS = "snapshots";

    private ReleaseSigner() {
    }

    /** Signs the stale Releases under the repository; returns what it signed ({@code <dist>}, {@code <dist>/snapshots/<name>}). */
    public static List<String> signStale(Path basedir, InstanceKey key) {
        var dists = basedir.resolve("dists");
        var signed = new ArrayList<String>();
        try {
            for (var dist : releaseDirectories(dists)) {
                if (isStale(dist)) {
                    sign(dist, key);
                    signed.add(dists.relativize(dist).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign the Release files under " + dists, e);
        }
        return signed;
    }

    /** Every directory under {@code dists/} with a Release: the distributions and their snapshots, sorted. */
    public static List<Path> releaseDirectories(Path dists) throws IOException {
        var found = new ArrayList<Path>();
        if (!Files.isDirectory(dists)) {
            return found;
        }
        try (var entries = Files.list(dists)) {
            for (var dist : entries.sorted().toList()) {
                if (Files.isRegularFile(dist.resolve("Release"))) {
                    found.add(dist);
                }
                var snapshots = dist.resolve(SNAPSHOTS);
                if (Files.isDirectory(snapshots)) {
                    try (var names = Files.list(snapshots)) {
                        names.sorted().filter(n -> Files.isRegularFile(n.resolve("Release"))).forEach(found::add);
                    }
                }
            }
        }
        return found;
    }

    static boolean isStale(Path dist) throws IOException {
        var release = Files.getLastModifiedTime(dist.resolve("Release"));
        for (var signature : List.of("InRelease", "Release.gpg")) {
            var file = dist.resolve(signature);
            if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file).compareTo(release) < 0) {
                return true;
            }
        }
        return false;
    }

    private static void sign(Path dist, InstanceKey key) throws IOException {
        var release = Files.readAllBytes(dist.resolve("Release"));
        write(dist.resolve("Release.gpg"), key.detachSign(release).getBytes(StandardCharsets.US_ASCII));
        write(dist.resolve("InRelease"), key.clearsign(new String(release, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path target, byte[] content) throws IOException {
        var temporary = target.resolveSibling("." + target.getFileName() + ".new");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
