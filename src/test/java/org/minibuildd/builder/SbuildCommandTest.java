package org.minibuildd.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.minibuildd.builder.internal.SbuildSetup;
import org.minibuildd.debian.CheckMode;

class SbuildCommandTest {

    private final Path dsc = Path.of("/b/hello_1.0-1.dsc");
    private final SbuildSetup setup = new SbuildSetup(Path.of("/b/.mini-buildd-sbuild"));

    @Test
    void aRequestBecomesSbuildOptions() {
        var job = SbuildJob.of(dsc, "bookworm", "amd64", "bookworm-test-unstable", "deb x y z\n").withArchAll(true)
                .withResolver("aptitude").withLintian(CheckMode.WARNFAIL, "--info --pedantic")
                .withBuildOptions("nocheck parallel=2", "nodoc nocheck", "libfoo-dev, bar").withAutopkgtest(CheckMode.ERRFAIL);
        var command = Sbuild.command(job, "mini-buildd-bookworm-amd64", setup, Path.of("/b/x.buildlog"));
        // autopkgtest in a session of the build's chroot, without sudo (one empty root argument).
        assertThat(command.argv()).contains("--run-autopkgtest", "--autopkgtest-root-arg=",
                "--autopkgtest-opts=-- schroot mini-buildd-bookworm-amd64").doesNotContain("--no-run-autopkgtest");
        assertThat(command.argv()).startsWith("/usr/bin/sbuild").contains("--chroot=mini-buildd-bookworm-amd64",
                "--chroot-mode=schroot", "--dist=bookworm-test-unstable", "--arch=amd64", "--arch-all",
                "--build-dep-resolver=aptitude", "--profiles=nodoc,nocheck", "--add-depends=libfoo-dev",
                "--add-depends=bar", "--pre-build-commands=/b/.mini-buildd-sbuild/setup.sh %SBUILD_CHROOT_EXEC")
                .endsWith("hello_1.0-1.dsc");
        // sbuild neither updates (our setup script does, only what the base lacks) nor dist-upgrades (sbuild's
        // default; the upgrade job keeps the base current) nor cleans (the base's cache holds the usual build
        // dependencies).
        assertThat(command.argv()).contains("--no-apt-update", "--no-apt-distupgrade", "--no-apt-clean")
                .doesNotContain("--apt-update", "--apt-distupgrade", "--apt-upgrade", "--apt-clean");
        // lintian runs in the session as our cleanup command (not sbuild's --run-lintian), with the request's options.
        assertThat(command.argv()).contains("--no-run-lintian", "--chroot-cleanup-commands=/var/lib/mini-buildd/run-lintian %SBUILD_BUILD_DIR")
                .doesNotContain("--run-lintian").noneMatch(a -> a.startsWith("--lintian-opt"));
        assertThat(Sbuild.lintianOptions(job)).containsExactly("--suppress-tags=bad-distribution-in-changes-file", "--info",
                "--pedantic", "--fail-on=error,warning");
        // piuparts as root through sudo, in a session of the build's chroot, with the distribution's extra options.
        var piuparts = Sbuild.command(job.withPiuparts(CheckMode.ERRFAIL, "--warn-on-install-over-symlink", "sudo"), "mini-buildd-bookworm-amd64", setup,
                Path.of("/b/x.buildlog")).argv();
        assertThat(piuparts).contains("--run-piuparts", "--piuparts-root-arg=sudo", "--piuparts-opts=--warn-on-install-over-symlink")
                .anyMatch(a -> a.startsWith("--piuparts-opts=--schroot mini-buildd-bookworm-amd64 --no-eatmydata "))
                .doesNotContain("--no-run-piuparts");
        assertThat(Sbuild.command(job.withPiuparts(CheckMode.ERRFAIL, "", ""), "mini-buildd-bookworm-amd64", setup, Path.of("/b/x.buildlog")).argv())
                .as("no root argument: one empty one, or sbuild would use sudo").contains("--piuparts-root-arg=")
                .noneMatch(a -> a.equals("--piuparts-opts="));
        assertThat(command.argv()).contains("--no-run-piuparts");
        // The session is ours to end, after sbuild.
        assertThat(command.argv()).contains("--purge-session=never");
        assertThat(command.environment()).containsEntry("DEB_BUILD_OPTIONS", "nocheck parallel=2");
        assertThat(command.directory()).isEqualTo(Path.of("/b"));
        assertThat(command.logFile()).isEqualTo(Path.of("/b/x.buildlog"));
    }

    @Test
    void disabledLintianAndNoArchAll() {
        var job = SbuildJob.of(dsc, "bookworm", "i386", "bookworm-test-unstable", "").withLintian(CheckMode.DISABLED, "--info");
        var argv = Sbuild.command(job, "mini-buildd-bookworm-i386", setup, Path.of("/b/x.buildlog")).argv();
        assertThat(argv).contains("--no-run-lintian", "--no-arch-all", "--build-dep-resolver=apt", "--no-run-autopkgtest")
                .noneMatch(a -> a.startsWith("--lintian-opt") || a.startsWith("--profiles") || a.startsWith("--add-depends")
                        || a.startsWith("--chroot-cleanup-commands"));
        assertThat(Sbuild.lintianOptions(job.withLintian(CheckMode.ERRFAIL, ""))).containsExactly("--suppress-tags=bad-distribution-in-changes-file");
    }
}
