package org.minibuildd.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.minibuildd.builder.internal.ChrootBoard;
import org.minibuildd.builder.internal.ChrootLocks;
import org.minibuildd.builder.internal.ChrootMaker;
import org.minibuildd.config.ChrootConfig;
import org.minibuildd.config.SourceRef;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;

/**
 * The bookworm/amd64 chroot tests build in, made once per machine and reused: a ready tree (debootstrap, apt
 * config, lintian and friends installed) under {@code /var/cache/mini-buildd-test/chroots/bookworm/amd64}; delete
 * it to have it made again. Test daemons point {@code minibuildd.chroots.seed-dir} at it, so a
 * Chroot's prepare copies it in seconds instead of bootstrapping for minutes. Made, when absent, by the builder's
 * own chroot code from deb.debian.org, with debootstrap's downloads kept in {@link #DEBOOTSTRAP_CACHE}.
 */
public final class ChrootSeed {

    /** A constant, for annotations; {@link #ROOT} is what tests use. */
    public static final String DEFAULT_ROOT = "/var/cache/mini-buildd-test/chroots";
    public static final Path ROOT = Path.of(DEFAULT_ROOT);
    /** debootstrap's package cache ({@code --cache-dir}), so a real debootstrap in a test downloads nothing twice. */
    public static final Path DEBOOTSTRAP_CACHE = ROOT.resolveSibling("debootstrap");
    public static final String MIRROR = "http://deb.debian.org/debian/";

    private ChrootSeed() {
    }

    public static Path tree(String codename, String architecture) {
        return ROOT.resolve(codename).resolve(architecture);
    }

    /**
     * What prepare puts into a chroot beyond debootstrap's tree, as far as the seed must hold it too (tests such as
     * SbuildIT build in a plain copy of the seed). Change it whenever that changes: a seed made for another content
     * is brought up to date by the next {@link #ensure()}, with the builder's own prepare.
     */
    static final String CONTENT = "4: apt cache holding the closure of build-essential fakeroot debhelper, no pkgcache.bin; man-db auto-update off";

    /** The seed root, with bookworm/amd64 in it (made now when missing: a few minutes; brought up to date when older). */
    public static synchronized Path ensure() throws IOException {
        var tree = tree("bookworm", "amd64");
        if (Files.isRegularFile(tree.resolve("etc/debian_version")) && CONTENT.equals(content("bookworm", "amd64"))) {
            return ROOT;
        }
        var refresh = Files.isRegularFile(tree.resolve("etc/debian_version"));
        Files.createDirectories(DEBOOTSTRAP_CACHE);
        var home = new Home(TestHome.create("chroot-seed")).create();
        // A seed of older content is prepared from itself (a copy, then prepare's configuration): seconds, not minutes.
        var maker = maker(home, refresh ? ROOT.toString() : "", TestSchroots.newPrefix());
        var config = new ChrootConfig(new SourceRef("Debian", "bookworm"), "amd64", "Dir", "/usr/sbin/debootstrap",
                "--cache-dir=" + DEBOOTSTRAP_CACHE, "", List.of(MIRROR), List.of("main"), List.of(),
                // Kept upgraded from security too, as a daemon's upgrade job keeps its chroots.
                List.of("deb http://deb.debian.org/debian-security/ bookworm-security main"), List.of());
        long start = System.nanoTime();
        maker.prepare(config);
        try {
            place(maker.paths("bookworm", "amd64").tree(), "bookworm", "amd64", refresh);
        } finally {
            maker.remove("bookworm", "amd64");
        }
        System.out.printf("[figures] seed chroot bookworm/amd64 %s in %.1f s%n", refresh ? "brought up to date" : "made",
                (System.nanoTime() - start) / 1e9);
        return ROOT;
    }

    /** Keeps a copy of a freshly prepared tree as the seed, unless there is one already. */
    public static synchronized void offer(Path preparedTree, String codename, String architecture) throws IOException {
        place(preparedTree, codename, architecture, false);
    }

    private static void place(Path preparedTree, String codename, String architecture, boolean replace) throws IOException {
        var tree = tree(codename, architecture);
        if (!replace && Files.isRegularFile(tree.resolve("etc/debian_version"))) {
            return;
        }
        Files.createDirectories(tree.getParent());
        var staging = tree.resolveSibling(architecture + ".new");
        var old = tree.resolveSibling(architecture + ".old");
        var runner = new ProcessRunner();
        runner.run(Command.of("rm", "-rf", "--one-file-system", staging.toString(), old.toString()));
        runner.run(Command.of("cp", "-a", "--reflink=auto", preparedTree.toString(), staging.toString())
                .withTimeout(Duration.ofMinutes(30)));
        // Renames, not a copy over the seed: a test that starts copying the seed meanwhile gets a whole tree.
        if (Files.exists(tree)) {
            Files.move(tree, old);
        }
        Files.move(staging, tree);
        Files.writeString(contentFile(codename, architecture), CONTENT + "\n");
        runner.run(Command.of("rm", "-rf", "--one-file-system", old.toString()));
    }

    private static Path contentFile(String codename, String architecture) {
        return tree(codename, architecture).resolveSibling(architecture + ".content");
    }

    private static String content(String codename, String architecture) throws IOException {
        var file = contentFile(codename, architecture);
        return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
    }

    /** A chroot maker outside a daemon, for tests that need no database; its chroots are {@code <schrootPrefix>-…}. */
    public static ChrootMaker maker(Home home, String seedDir, String schrootPrefix) {
        var settings = new MiniBuilddSettings(home.root(), "", "", 8066, 8067,
                new MiniBuilddSettings.Db("", "", "", "", "mini-buildd"), "", new MiniBuilddSettings.Mail("", 25, "", ""),
                new MiniBuilddSettings.Incoming(org.springframework.util.unit.DataSize.ofGigabytes(2),
                        org.springframework.util.unit.DataSize.ofGigabytes(4), Duration.ofMinutes(5), Duration.ofMinutes(15),
                        Duration.ofMinutes(15), Duration.ofSeconds(15), false),
                new MiniBuilddSettings.Chroots(seedDir, Duration.ofHours(24), List.of("eatmydata", "lintian", "aptitude"),
                        List.of("build-essential", "fakeroot", "debhelper"), schrootPrefix));
        return new ChrootMaker(new ProcessRunner(), home, settings, new ChrootBoard(), new ChrootLocks());
    }
}
