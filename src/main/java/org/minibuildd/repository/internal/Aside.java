package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.debian.Dsc;
import org.minibuildd.repository.PackageListing;
import org.minibuildd.repository.RepositoryException;

/**
 * The pool files of the version a distribution has now (its .dsc with the files it lists, its .debs), hard-linked
 * into a hidden directory beside the pool before an include replaces that version, so that the version can be put
 * back when the include fails. Needed where no rollback distribution keeps a copy.
 */
public final class Aside implements AutoCloseable {

    private final Reprepro reprepro;
    private final String diststr;
    private final Path dir;
    private final String component;
    private final Path dsc;
    private final List<Path> debs;

    private Aside(Reprepro reprepro, String diststr, Path dir, String component, Path dsc, List<Path> debs) {
        this.reprepro = reprepro;
        this.diststr = diststr;
        this.dir = dir;
        this.component = component;
        this.dsc = dsc;
        this.debs = debs;
    }

    /** Keeps aside what {@code diststr} has of {@code source} now ({@code listing}: the source's current listing). */
    public static Aside keep(Reprepro reprepro, String diststr, String source, List<PackageListing> listing) {
        var current = listing.stream().filter(l -> l.distribution().equals(diststr)).findFirst()
                .orElseThrow(() -> new RepositoryException(source + " is not in " + diststr));
        var basedir = reprepro.basedir();
        try {
            // Hidden and inside the repository directory: never served, and on the pool's file system for links.
            var dir = Files.createTempDirectory(basedir, ".aside-");
            var poolDsc = Path.of(reprepro.run("-T", "dsc", "--list-format", "${$fullfilename}\\n", "listfilter", diststr,
                    "Package (== " + source + ")").lines().findFirst()
                    .orElseThrow(() -> new RepositoryException(source + " has no .dsc in " + diststr)).strip());
            var dsc = link(poolDsc, dir);
            for (var file : Dsc.parse(Files.readString(poolDsc)).files()) {
                link(poolDsc.resolveSibling(file.name()), dir);
            }
            var debs = new ArrayList<Path>();
            for (var deb : reprepro.run("-T", "deb", "--list-format", "${$fullfilename}\\n", "listfilter", diststr,
                    "$Source (== " + source + "), $SourceVersion (== " + current.version() + ")").lines().toList()) {
                if (!deb.isBlank()) {
                    debs.add(link(Path.of(deb.strip()), dir));
                }
            }
            return new Aside(reprepro, diststr, dir, current.component(), dsc, debs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.minibuildd.debian.DebianFormatException e) {
            throw new RepositoryException("cannot read the .dsc of " + source + " in " + diststr + ": " + e.getMessage(), e);
        }
    }

    /** Includes the kept version into its distribution again. */
    public void restore() {
        reprepro.run("-C", component, "includedsc", diststr, dsc.toString());
        for (var deb : debs) {
            reprepro.run("-C", component, "includedeb", diststr, deb.toString());
        }
    }

    @Override
    public void close() {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path link(Path file, Path dir) throws IOException {
        var target = dir.resolve(file.getFileName().toString());
        if (!Files.exists(target)) {
            Files.createLink(target, file);
        }
        return target;
    }
}
