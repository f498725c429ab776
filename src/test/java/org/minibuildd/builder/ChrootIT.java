package org.minibuildd.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.ARCHIVE;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SOURCE_ARCHIVE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.builder.ChrootProgress.Phase;
import org.minibuildd.builder.internal.ChrootMaker;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.LifecycleException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.Status;
import org.minibuildd.config.internal.DistributionStore;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
import org.minibuildd.support.TestHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Chroot object through its lifecycle with real debootstrap from deb.debian.org (its downloads cached in
 * {@link ChrootSeed#DEBOOTSTRAP_CACHE}; no seed tree: this test is the one that bootstraps), schroot and apt:
 * prepare shows progress and a live log, check opens it, remove leaves nothing. A mirror without the codename
 * fails prepare with debootstrap's reason and leaves nothing half-made.
 */
class ChrootIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("chroots");
    private static final ObjectRef CHROOT_REF = new ObjectRef(ObjectType.CHROOT, "bookworm:amd64");

    @DynamicPropertySource
    static void ownHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
        registry.add("minibuildd.chroots.seed-dir", () -> "");
    }

    @Autowired SetupService setup;
    @Autowired ConfigActions actions;
    @Autowired ChrootService chroots;
    @Autowired SourceStore sources;
    @Autowired DistributionStore distributions;
    @Autowired DSLContext db;
    @Autowired ChrootMaker maker;

    private final ProcessRunner runner = new ProcessRunner();

    @BeforeEach
    void bookwormWithAChroot() throws Exception {
        var bookworm = new SourceRef("Debian", "bookworm");
        if (sources.id(bookworm).isEmpty() || !actions.state(bookworm.object()).isActive()) {
            setup.setup(SetupRequest.all().archives(List.of(ChrootSeed.MIRROR)).sources(List.of("bookworm")).build());
        }
        distributions.addChroot(sources.id(bookworm).orElseThrow(), "amd64", "Dir");
        Files.createDirectories(ChrootSeed.DEBOOTSTRAP_CACHE);
        db.update(CHROOT).set(CHROOT.DEBOOTSTRAP_EXTRA_OPTIONS, "--cache-dir=" + ChrootSeed.DEBOOTSTRAP_CACHE).execute();
    }

    @Test
    void preparesChecksAndRemovesARealChroot() throws Exception {
        long start = System.nanoTime();
        var prepare = CompletableFuture.runAsync(() -> actions.run(ConfigActions.Action.PREPARE, CHROOT_REF));
        var seen = new ArrayList<ChrootProgress>();
        while (!prepare.isDone()) {
            var now = chroots.progress("bookworm", "amd64");
            if (seen.isEmpty() || now.fraction() != seen.getLast().fraction() || now.phase() != seen.getLast().phase()) {
                seen.add(now);
            }
            Thread.sleep(200);
        }
        prepare.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[figures] chroot creation (debootstrap with cached downloads, apt setup, lintian & co installed): %.1f s%n", seconds);

        // Progress moved through debootstrap and its fractions rose, and the message said what happened.
        var debootstrap = seen.stream().filter(p -> p.phase() == Phase.DEBOOTSTRAP).toList();
        assertThat(debootstrap.stream().map(ChrootProgress::fraction).distinct().count()).as(seen.toString()).isGreaterThan(5);
        assertThat(debootstrap.getLast().fraction()).isGreaterThan(0.5);
        assertThat(debootstrap.getLast().packages()).isGreaterThan(50);
        assertThat(debootstrap).anySatisfy(p -> assertThat(p.message()).contains("debootstrap of bookworm/amd64"));
        assertThat(seen).anySatisfy(p -> assertThat(p.phase()).isEqualTo(Phase.CONFIGURING));
        var done = chroots.progress("bookworm", "amd64");
        assertThat(done.phase()).isEqualTo(Phase.DONE);
        assertThat(done.percent()).isEqualTo(100);
        var log = Files.readString(done.log());
        assertThat(log).contains("I: Validating", "I: Configuring", "I: Base system installed successfully", "Setting up lintian");

        var paths = ChrootPaths.of(maker);
        assertThat(paths.tree().resolve("etc/debian_version")).exists();
        assertThat(paths.tree().resolve("usr/bin/lintian")).exists();
        assertThat(Files.readString(paths.tree().resolve("etc/apt/apt.conf.d/90mini-buildd")))
                .contains("APT::Install-Recommends \"false\";", "Acquire::Languages \"none\";");
        assertThat(Files.readString(paths.tree().resolve("etc/apt/sources.list")))
                .isEqualTo("deb " + ChrootSeed.MIRROR + " bookworm main\n");
        var conf = Files.readString(paths.conf());
        assertThat(conf).contains("[" + paths.name() + "]", "type=directory", "directory=" + paths.tree(),
                "union-type=overlay", "groups=sbuild,root", "root-groups=sbuild,root", "source-root-groups=sbuild,root",
                "profile=sbuild", "command-prefix=eatmydata").doesNotContain("personality=");
        // Builds install debhelper & co from the base's apt cache: downloaded, not installed, and nothing else kept.
        var archives = paths.tree().resolve("var/cache/apt/archives");
        assertThat(debs(archives)).anyMatch(n -> n.startsWith("debhelper_")).anyMatch(n -> n.startsWith("libdebhelper-perl_"))
                .noneMatch(n -> n.startsWith("lintian_"));
        assertThat(paths.tree().resolve("usr/bin/dh")).doesNotExist();
        assertThat(paths.tree().resolve("var/cache/apt/srcpkgcache.bin")).doesNotExist();
        assertThat(paths.tree().resolve("var/lib/man-db/auto-update")).doesNotExist();
        assertThat(log).contains("I: apt cache of the chroot: ");
        ChrootSeed.offer(paths.tree(), "bookworm", "amd64");

        actions.run(ConfigActions.Action.CHECK, CHROOT_REF);
        actions.run(ConfigActions.Action.ACTIVATE, CHROOT_REF);
        assertThat(actions.state(CHROOT_REF).isActive()).isTrue();
        assertThat(runner.run(Command.of("schroot", "--chroot", paths.name(), "--user", "root", "--directory", "/",
                "--", "cat", "/etc/debian_version")).stdoutText()).startsWith("12.");

        // The upgrade refreshes the cache: a version the lists no longer have goes, the current ones stay.
        var debhelper = debs(archives).stream().filter(n -> n.startsWith("debhelper_")).findFirst().orElseThrow();
        Files.copy(archives.resolve(debhelper), archives.resolve("debhelper_1.0-0old_all.deb"));
        long upgradeStart = System.nanoTime();
        chroots.upgrade("bookworm", "amd64");
        System.out.printf("[figures] chroot upgrade (nothing new): %.1f s%n", (System.nanoTime() - upgradeStart) / 1e9);
        assertThat(Files.readString(done.log())).contains("I: chroot " + paths.name() + " upgraded")
                .doesNotContainPattern("(?m)^Get:.*debhelper");
        assertThat(debs(archives)).contains(debhelper).doesNotContain("debhelper_1.0-0old_all.deb");

        // A session left open (a crashed build) does not keep remove from cleaning up.
        runner.run(Command.of("schroot", "--begin-session", "--chroot", paths.name()));
        actions.run(ConfigActions.Action.REMOVE, CHROOT_REF);
        assertThat(actions.state(CHROOT_REF).status()).isEqualTo(Status.REMOVED);
        assertThat(paths.conf()).doesNotExist();
        assertThat(paths.dir()).doesNotExist();
        assertThat(runner.run(Command.of("schroot", "--list", "--all-sessions")).stdoutText()).doesNotContain(paths.name());
    }

    @Test
    void aMirrorWithoutTheCodenameFailsPrepareAndLeavesNothing() throws Exception {
        var bookworm = sources.id(new SourceRef("Debian", "bookworm")).orElseThrow();
        try (var empty = LocalArchive.start()) {
            var url = empty.url("/empty/");
            db.insertInto(ARCHIVE, ARCHIVE.URL).values(url).onConflictDoNothing().execute();
            db.update(SOURCE_ARCHIVE).set(SOURCE_ARCHIVE.ARCHIVE_URL, url).where(SOURCE_ARCHIVE.SOURCE_ID.eq(bookworm)).execute();
            try {
                assertThatThrownBy(() -> actions.run(ConfigActions.Action.PREPARE, CHROOT_REF))
                        .isInstanceOf(LifecycleException.class)
                        .hasMessageContaining("debootstrap failed")
                        .hasMessageContaining("Release");
            } finally {
                db.update(SOURCE_ARCHIVE).set(SOURCE_ARCHIVE.ARCHIVE_URL, ChrootSeed.MIRROR)
                        .where(SOURCE_ARCHIVE.SOURCE_ID.eq(bookworm)).execute();
            }
        }
        assertThat(actions.state(CHROOT_REF).status()).isEqualTo(Status.REMOVED);
        assertThat(actions.lastMessage(CHROOT_REF)).contains("debootstrap failed");
        var paths = ChrootPaths.of(maker);
        assertThat(paths.dir()).doesNotExist();
        assertThat(paths.conf()).doesNotExist();
        var progress = chroots.progress("bookworm", "amd64");
        assertThat(progress.phase()).isEqualTo(Phase.FAILED);
        assertThat(Files.readString(progress.log())).contains("E: debootstrap failed");
        assertThat(db.fetchCount(SOURCE)).isPositive();
    }

    private static List<String> debs(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".deb")).toList();
        }
    }

    /** The test's view of the chroot's files, under the daemon's schroot name, which is its own. */
    private record ChrootPaths(Path dir, Path tree, Path conf, String name) {
        static ChrootPaths of(ChrootMaker maker) {
            var paths = maker.paths("bookworm", "amd64");
            assertThat(paths.name()).startsWith("mini-buildd-t").endsWith("-bookworm-amd64");
            return new ChrootPaths(paths.dir(), paths.tree(), paths.systemSchrootConf(), paths.name());
        }
    }
}
