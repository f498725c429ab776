package org.minibuildd.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minibuildd.builder.internal.BaseAptLists;
import org.minibuildd.builder.internal.ChrootLocks;
import org.minibuildd.builder.internal.ChrootPaths;
import org.minibuildd.builder.internal.SchrootConf;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TestSchroots;
import org.minibuildd.support.TinyPackages;

/**
 * Real sbuild (bookworm's 0.85, schroot mode) in a real bookworm chroot, copied from the machine's seed and
 * registered under a schroot name of the test's own ({@link TestSchroots}): a tiny C package builds with lintian, a broken one fails with
 * its compiler error in the log tail, a cancelled build leaves no process and no schroot session behind. Prints
 * the wall times of the first and second build.
 */
class SbuildIT {

    private static final String SOURCES = """
            deb http://deb.debian.org/debian/ bookworm main
            deb http://deb.debian.org/debian-security/ bookworm-security main
            """;
    private static final String PREFERENCES = """
            Package: *
            Pin: release o=Debian, n=bookworm-security
            Pin-Priority: 500
            """;

    private static final ProcessRunner RUNNER = new ProcessRunner();
    private static Home home;
    private static ChrootPaths chroot;
    private static Sbuild sbuild;
    private static String debianKeys;

    @BeforeAll
    static void chroot() throws Exception {
        var seed = ChrootSeed.ensure();
        home = new Home(TestHome.create("sbuild")).create();
        var prefix = TestSchroots.newPrefix();
        chroot = ChrootPaths.of(home, prefix, "bookworm", "amd64");
        Files.createDirectories(chroot.dir());
        long start = System.nanoTime();
        RUNNER.run(Command.of("cp", "-a", "--reflink=auto", seed.resolve("bookworm/amd64").toString(), chroot.tree().toString())
                .withTimeout(Duration.ofMinutes(20)));
        Files.writeString(chroot.systemSchrootConf(), SchrootConf.text(chroot, "Dir", "", true));
        System.out.printf("[figures] chroot copied from the seed and registered in %.1f s%n", (System.nanoTime() - start) / 1e9);
        sbuild = new Sbuild(RUNNER, new ChrootLocks(), home, prefix);
        debianKeys = RUNNER.run(Command.of("gpg", "--no-default-keyring", "--keyring", "/usr/share/keyrings/debian-archive-keyring.gpg",
                "--armor", "--export")).stdoutText();
    }

    @AfterAll
    static void removeChroot() {
        sessions().forEach(session -> RUNNER.run(Command.of("schroot", "--end-session", "--chroot", session.strip())));
        RUNNER.run(Command.of("rm", "-f", chroot.systemSchrootConf().toString()));
        RUNNER.run(Command.of("rm", "-rf", "--one-file-system", home.root().toString()));
    }

    private static SbuildJob job(Path dsc) {
        return SbuildJob.of(dsc, "bookworm", "amd64", "bookworm-test-unstable", SOURCES).withArchAll(true)
                .withApt(PREFERENCES, debianKeys).withLintian(CheckMode.ERRFAIL, "--info").withTimeout(Duration.ofMinutes(20));
    }

    @Test
    void buildsATinyCPackageWithLintianTwice() throws Exception {
        // The base's apt cache holds debhelper and what it pulls in (downloaded at prepare, not installed).
        try (var cached = Files.list(chroot.tree().resolve("var/cache/apt/archives"))) {
            assertThat(cached.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("debhelper_") && n.endsWith(".deb"))
                    .anyMatch(n -> n.startsWith("dh-autoreconf_") && n.endsWith(".deb"));
        }
        assertThat(chroot.tree().resolve("usr/bin/dh")).as("debhelper must not be installed in the base").doesNotExist();
        var times = new long[2];
        for (int round = 0; round < 2; round++) {
            var dir = Files.createDirectories(home.builds().resolve("hello-" + round));
            var dsc = HelloPackage.source(dir, "mbd-hello", "1.0-1~test12+" + (round + 1), "bookworm-test-unstable", HelloPackage.Flavour.GOOD);
            var logFile = dir.resolve("build.log");
            long start = System.nanoTime();
            // The second round fails lintian on warnings (the tiny package has no manual page: a warning).
            var mode = round == 0 ? CheckMode.ERRFAIL : CheckMode.WARNFAIL;
            // The first round's base has no note of fresh lists (apt updates every line, as sbuild would); the
            // second's was just updated, and it carries every line of the request: apt updates nothing.
            var stamp = chroot.tree().resolve(BaseAptLists.STAMP);
            if (round == 0) {
                Files.deleteIfExists(stamp);
            } else {
                Files.createDirectories(stamp.getParent());
                Files.writeString(stamp, "");
            }
            var result = sbuild.build(job(dsc).withLintian(mode, "--info"), logFile);
            times[round] = System.nanoTime() - start;

            assertThat(result.status()).as(result.logTail()).isEqualTo("successful");
            assertThat(result.exitCode()).isZero();
            // lintian's verdict in sbuild's words, although our script ran it: a fail is the installer's to judge.
            assertThat(result.lintian()).as(result.logTail()).isEqualTo(round == 0 ? "warn" : "fail");
            assertThat(result.buildTime()).matches("\\d+");
            assertThat(result.packageTime()).matches("\\d+");
            assertThat(result.buildSpace()).matches("\\d+");
            assertThat(result.changes()).exists().hasFileName("mbd-hello_1.0-1~test12+" + (round + 1) + "_amd64.changes");
            assertThat(Files.readString(result.changes())).contains("Distribution: bookworm-test-unstable");
            assertThat(result.buildinfo()).exists();
            var deb = result.debs().stream().filter(d -> d.getFileName().toString().startsWith("mbd-hello_")).findFirst().orElseThrow();
            assertThat(TinyPackages.run(dir, List.of("dpkg-deb", "--contents", deb.toString()))).contains("./usr/bin/mbd-hello");
            // The log was written while building: it holds sbuild's sections, the apt data we set and lintian's run.
            var log = Files.readString(logFile);
            assertThat(log).contains("Pre Build Commands", "Running lintian as ", "W: mbd-hello: no-manual-page", "| Summary");
            if (round == 0) {
                assertThat(log).contains("apt update of what the chroot has no fresh lists for:", "bookworm-security InRelease");
            } else {
                assertThat(log).doesNotContain("apt update of what").doesNotContainPattern("(?m)^(Get|Hit|Ign):\\d+ http");
            }
            // Not sbuild's own lintian round, which would install lintian through a dummy package first.
            assertThat(log).doesNotContain("sbuild-build-depends-lintian-dummy");
            // debhelper and friends came from the base's cache (no download), were installed in the session (the
            // base does not have them), and man-db did not rebuild its index for their man pages.
            assertThat(log).contains("Unpacking debhelper", "Not building database; man-db/auto-update is not 'true'.")
                    .doesNotContainPattern("(?m)^Get:.* (debhelper|dh-autoreconf|libdebhelper-perl|autoconf|automake|libtool) ");
            assertThat(sbuild.chroot(job(dsc)).name()).isEqualTo(chroot.name()).startsWith("mini-buildd-t").endsWith("-bookworm-amd64");
        }
        assertNoSessions();
        System.out.printf("[figures] sbuild wall time for the tiny C package with lintian: first %.1f s, second %.1f s%n",
                times[0] / 1e9, times[1] / 1e9);
    }

    /** Builds the tiny package of that flavour under {@code name}, with the job changed as given. */
    private static SbuildResult build(String name, HelloPackage.Flavour flavour, UnaryOperator<SbuildJob> options) throws Exception {
        var dir = Files.createDirectories(home.builds().resolve(name));
        var dsc = HelloPackage.source(dir, name, "1.0-1", "bookworm-test-unstable", flavour);
        var result = sbuild.build(options.apply(job(dsc)), dir.resolve("build.log"));
        // The build itself succeeds either way: what a check says is the installer's to judge, per its mode.
        assertThat(result.status()).as(result.logTail()).isEqualTo("successful");
        return result;
    }

    @Test
    void autopkgtestsRunWhenAskedInASessionOfTheChrootAndTheirVerdictIsInTheResult() throws Exception {
        var passed = build("mbd-tested", HelloPackage.Flavour.TESTS_PASS, job -> job.withAutopkgtest(CheckMode.ERRFAIL));
        assertThat(passed.autopkgtest()).as(passed.logTail()).isEqualTo("pass");
        assertThat(passed.log()).content().contains("autopkgtest", "command1");
        var failed = build("mbd-untested", HelloPackage.Flavour.TESTS_FAIL, job -> job.withAutopkgtest(CheckMode.ERRFAIL));
        assertThat(failed.autopkgtest()).as(failed.logTail()).isEqualTo("fail");
        assertNoSessions();
    }

    @Test
    void piupartsRunsAsRootWhenAskedAndItsVerdictIsInTheResult() throws Exception {
        // sudo, as the daemon uses it (the tests run as root, so sudo lets them through).
        UnaryOperator<SbuildJob> piuparts = job -> job.withLintian(CheckMode.DISABLED, "")
                .withPiuparts(CheckMode.ERRFAIL, "--warn-on-install-over-symlink", "sudo");
        var purged = build("mbd-purged", HelloPackage.Flavour.GOOD, piuparts);
        assertThat(purged.piuparts()).as(purged.logTail()).isEqualTo("pass");
        assertThat(purged.log()).content().contains("PASS: Installation and purging test.", "PASS: All tests.");
        var uninstallable = build("mbd-uninstallable", HelloPackage.Flavour.POSTINST_FAILS, piuparts);
        assertThat(uninstallable.piuparts()).as(uninstallable.logTail()).isEqualTo("fail");
        assertThat(uninstallable.log()).content().contains("this postinst fails", "Piuparts run failed");
        assertNoSessions();
    }

    @Test
    void aCompileErrorFailsTheBuildWithTheErrorInTheLogTail() throws Exception {
        var dir = Files.createDirectories(home.builds().resolve("broken"));
        var dsc = HelloPackage.source(dir, "mbd-broken", "1.0-1", "bookworm-test-unstable", HelloPackage.Flavour.COMPILE_ERROR);
        var result = sbuild.build(job(dsc).withLintian(CheckMode.DISABLED, ""), dir.resolve("build.log"));

        // sbuild says "attempted" for a failure in the build itself, "failed" for one before it.
        assertThat(result.status()).isIn("attempted", "failed");
        assertThat(result.successful()).isFalse();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.debs()).isEmpty();
        assertThat(result.lintian()).isIn("", "skipped");
        assertThat(Files.readString(dir.resolve("build.log"))).contains("hello.c", "error");
        assertThat(result.logTail()).contains("Status: " + result.status());
        assertNoSessions();
    }

    @Test
    void aCancelledBuildLeavesNoProcessAndNoSession() throws Exception {
        var dir = Files.createDirectories(home.builds().resolve("slow"));
        var dsc = HelloPackage.source(dir, "mbd-slow", "1.0-1", "bookworm-test-unstable", HelloPackage.Flavour.SLOW);
        var logFile = dir.resolve("build.log");
        var build = sbuild.start(job(dsc), logFile);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!(Files.exists(logFile) && Files.readString(logFile).contains("sleep 600")) && System.nanoTime() < deadline) {
            assertThat(build.isAlive()).as("the build ended before it was cancelled").isTrue();
            Thread.sleep(500);
        }
        assertThat(sessions()).as("a session is open while building").isNotEmpty();
        long pgid = build.pid();

        build.cancel();
        var result = build.await();

        assertThat(result.status()).isEqualTo(SbuildResult.CANCELLED);
        assertThat(build.isAlive()).isFalse();
        var group = RUNNER.run(Command.of("ps", "-e", "-o", "pgid=,pid=,args=")).stdoutText().lines()
                .filter(l -> l.strip().startsWith(pgid + " ")).toList();
        assertThat(group).as("processes left of the build's group").isEmpty();
        assertThat(RUNNER.run(Command.of("ps", "-e", "-o", "args=")).stdoutText()).doesNotContain("sleep 600");
        assertNoSessions();
    }

    private static List<String> sessions() {
        return RUNNER.run(Command.of("schroot", "--list", "--all-sessions")).stdoutText().lines()
                .filter(l -> l.contains(chroot.name())).toList();
    }

    /** The build's session is ended right after sbuild, beside the caller's work: give it a moment. */
    private static void assertNoSessions() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sessions()).as("schroot sessions left").isEmpty();
    }
}
