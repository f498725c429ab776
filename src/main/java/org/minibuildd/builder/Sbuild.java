package org.minibuildd.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.minibuildd.builder.internal.BaseAptLists;
import org.minibuildd.builder.internal.ChrootLocks;
import org.minibuildd.builder.internal.ChrootPaths;
import org.minibuildd.builder.internal.SbuildSetup;
import org.minibuildd.builder.internal.SessionLintian;
import org.minibuildd.builder.internal.Schroot;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.springframework.stereotype.Service;

/**
 * Runs Debian's sbuild (bookworm's 0.85, schroot mode) for one {@code .dsc} in a snapshot session of this builder's
 * chroot {@code <schroot prefix>-<codename>-<arch>} ({@code minibuildd.chroots.schroot-prefix}), with the request's apt sources, preferences and keys, lintian per the
 * check mode (run by {@link SessionLintian} in the same session), and the log streamed to a file while it builds.
 */
@Service
public class Sbuild {

    private final ProcessRunner runner;
    private final ChrootLocks locks;
    private final Home home;
    private final String schrootPrefix;

    @org.springframework.beans.factory.annotation.Autowired
    Sbuild(ProcessRunner runner, ChrootLocks locks, Home home, MiniBuilddSettings settings) {
        this(runner, locks, home, settings.chroots().schrootPrefix());
    }

    public Sbuild(ProcessRunner runner, ChrootLocks locks, Home home, String schrootPrefix) {
        this.runner = runner;
        this.locks = locks;
        this.home = home;
        this.schrootPrefix = schrootPrefix;
    }

    /** The chroot a job builds in: this builder's schroot name for the job's codename and architecture. */
    public ChrootPaths chroot(SbuildJob job) {
        return ChrootPaths.of(home, schrootPrefix, job.codename(), job.architecture());
    }

    /** Builds and waits; the result says how it went (a failed build is a result, not an exception). */
    public SbuildResult build(SbuildJob job, Path logFile) throws InterruptedException {
        return start(job, logFile).await();
    }

    /**
     * Starts the build and returns at once; {@link RunningBuild#cancel()} stops it. Waits first while the chroot's
     * base is being changed (prepare, upgrade).
     */
    public RunningBuild start(SbuildJob job, Path logFile) {
        var setup = new SbuildSetup(job.buildDir().resolve(".mini-buildd-sbuild"));
        var chroot = chroot(job);
        try {
            setup.write(job.aptSources(), job.aptPreferences(), job.aptKeys(),
                    job.lintianMode() == CheckMode.DISABLED ? null : SessionLintian.script(lintianOptions(job)),
                    BaseAptLists.of(chroot).toUpdate(job.aptSources()), job.ownRepository());
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the build in " + job.buildDir() + ": " + e.getMessage(), e);
        }
        var lock = locks.of(chroot.name());
        long stamp = lock.readLock();
        try {
            var process = runner.start(command(job, chroot.name(), setup, logFile));
            return new RunningBuild(job, chroot.name(), process, setup, logFile, new Schroot(runner), () -> lock.unlockRead(stamp));
        } catch (RuntimeException e) {
            lock.unlockRead(stamp);
            throw e;
        }
    }

    /** lintian's options as sbuild's {@code --lintian-opt}s used to give them. */
    static List<String> lintianOptions(SbuildJob job) {
        var options = new ArrayList<String>();
        // Our distribution strings are never Debian's, as in mini-buildd.
        options.add("--suppress-tags=bad-distribution-in-changes-file");
        Arrays.stream(job.lintianExtraOptions().strip().split("\\s+")).filter(o -> !o.isEmpty()).forEach(options::add);
        if (job.lintianMode() == CheckMode.WARNFAIL) {
            options.add("--fail-on=error,warning");
        }
        return options;
    }

    static Command command(SbuildJob job, String schroot, SbuildSetup setup, Path logFile) {
        var argv = new ArrayList<String>(List.of("/usr/bin/sbuild",
                "--chroot-mode=schroot", "--chroot=" + schroot,
                "--dist=" + job.distribution(), "--arch=" + job.architecture(),
                job.archAll() ? "--arch-all" : "--no-arch-all",
                "--no-source", "--build-dep-resolver=" + job.buildDepResolver(),
                // The log goes to stdout, which the runner streams into the log file; no second copy by sbuild.
                "--verbose", "--nolog",
                // apt updates in the setup script, not here (see BaseAptLists): only the lists the base does not
                // keep fresh, our repository's always among them. No dist-upgrade (sbuild's default is to run one):
                // the upgrade job keeps the base current, so a build would only spend seconds finding nothing to
                // upgrade (what a build-dependency needs newer, its install upgrades anyway). No apt clean either:
                // the base's cache holds the usual build dependencies.
                "--no-apt-update", "--no-apt-distupgrade", "--no-apt-clean",
                // The session is ended by RunningBuild once sbuild is done, beside the result's upload: ending it
                // (unmounting, removing the overlay) is about a second that no one needs to wait for.
                "--purge-session=never",
                "--pre-build-commands=" + setup.script() + " %SBUILD_CHROOT_EXEC"));
        // lintian never through sbuild's --run-lintian (it installs lintian anew in every build, see SessionLintian):
        // our script runs it in the build's session once the .changes is there.
        argv.add("--no-run-lintian");
        if (job.lintianMode() != CheckMode.DISABLED) {
            argv.add("--chroot-cleanup-commands=" + SessionLintian.CLEANUP_COMMAND);
        }
        if (job.piuparts().mode() == CheckMode.DISABLED) {
            argv.add("--no-run-piuparts");
        } else {
            // piuparts needs root: sbuild runs it on the host through the root argument (sudo by default; the daemon
            // user's sudoers entry allows piuparts on our chroots), in a session of the build's chroot with the
            // chroot's own apt sources, with mini-buildd's options but two: no --warn-on-others (its dependency
            // dummy fails every package that builds a -dbgsym, which depends on its own package) and
            // --no-eatmydata (schroot's command-prefix already runs everything under eatmydata, and piuparts' own
            // prefix on top of it fails).
            argv.add("--run-piuparts");
            var root = job.piuparts().rootArg().strip();
            // One empty root argument is sbuild's way to say "none"; no argument at all would mean its default, sudo.
            (root.isEmpty() ? List.of("") : Arrays.asList(root.split("\\s+"))).forEach(a -> argv.add("--piuparts-root-arg=" + a));
            argv.add("--piuparts-opts=--schroot " + schroot + " --no-eatmydata --dpkg-force-confdef"
                    + " --warn-on-debsums-errors --warn-on-leftovers-after-purge --keep-sources-list");
            if (!job.piuparts().extraOptions().isBlank()) {
                argv.add("--piuparts-opts=" + job.piuparts().extraOptions().strip());
            }
        }
        if (job.autopkgtestMode() == CheckMode.DISABLED) {
            argv.add("--no-run-autopkgtest");
        } else {
            // In a fresh session of the build's own chroot, as the daemon's user: schroot lets the sbuild group in,
            // so autopkgtest needs no sudo. One empty root argument is sbuild's way to say "none" (an empty list
            // would mean its default, sudo).
            argv.addAll(List.of("--run-autopkgtest", "--autopkgtest-root-arg=",
                    "--autopkgtest-opts=-- schroot " + schroot));
        }
        if (!job.debBuildProfiles().isBlank()) {
            argv.add("--profiles=" + String.join(",", job.debBuildProfiles().strip().split("[\\s,]+")));
        }
        Arrays.stream(job.addDepends().split(",")).map(String::strip).filter(d -> !d.isEmpty())
                .forEach(d -> argv.add("--add-depends=" + d));
        argv.add(job.dsc().getFileName().toString());
        var command = Command.of(argv).inDirectory(job.buildDir()).logTo(logFile).withTimeout(job.timeout())
                // sbuild reads no user config of whoever runs the daemon: every option is on the command line.
                .withEnv("SBUILD_CONFIG", setup.sbuildrc().toString()).withEnv("HOME", job.buildDir().toString());
        return job.debBuildOptions().isBlank() ? command.withEnv("DEB_BUILD_OPTIONS", null)
                : command.withEnv("DEB_BUILD_OPTIONS", job.debBuildOptions().strip());
    }
}
