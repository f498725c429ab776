package org.minibuildd.builder.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.minibuildd.builder.ChrootException;
import org.minibuildd.builder.ChrootProgress.Phase;
import org.minibuildd.config.ChrootConfig;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes, checks, upgrades and removes chroots on disk. Prepare bootstraps into a staging directory (or copies a
 * seed tree), configures apt inside through schroot's source chroot, turns the tree into the base directory or the
 * tarball and only then registers it with schroot; a failure at any step takes everything made so far away again
 * (the log stays, in {@code home/log/}).
 */
@Component
public class ChrootMaker {

    private static final Logger log = LoggerFactory.getLogger(ChrootMaker.class);
    private static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofHours(2);
    private static final Duration APT_TIMEOUT = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMinutes(10);

    /** apt as mini-buildd configures it for builds: nothing optional, no translations, no pty noise in logs. */
    static final String APT_CONF = """
            // Written by mini-buildd: apt in build chroots installs only what is needed.
            APT::Install-Recommends "false";
            APT::Install-Suggests "false";
            Acquire::Languages "none";
            Acquire::Retries "3";
            Dpkg::Use-Pty "false";
            Dpkg::Options { "--force-confdef"; "--force-confold"; };
            """;

    private final ProcessRunner runner;
    private final Home home;
    private final MiniBuilddSettings.Chroots settings;
    private final ChrootBoard board;
    private final ChrootLocks locks;
    private final Schroot schroot;

    public ChrootMaker(ProcessRunner runner, Home home, MiniBuilddSettings settings, ChrootBoard board, ChrootLocks locks) {
        this.runner = runner;
        this.home = home;
        this.settings = settings.chroots();
        this.board = board;
        this.locks = locks;
        this.schroot = new Schroot(runner);
    }

    public ChrootPaths paths(String codename, String architecture) {
        return ChrootPaths.of(home, settings.schrootPrefix(), codename, architecture);
    }

    public void prepare(ChrootConfig config) {
        var paths = paths(config.codename(), config.architecture());
        var lock = locks.of(paths.name());
        long stamp = lock.writeLock();
        try {
            prepareLocked(config, paths);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void prepareLocked(ChrootConfig config, ChrootPaths paths) {
        var phase = Phase.DEBOOTSTRAP;
        try {
            startLog(paths, "prepare of chroot " + paths.name() + " (" + config.backend() + " backend)");
            removeFromDisk(paths);
            Files.createDirectories(paths.dir());
            Files.createDirectories(paths.log().getParent());
            var seed = seed(config);
            if (seed != null) {
                phase = Phase.SEEDING;
                status(paths, phase, "copying the ready chroot tree " + seed);
                runner.run(Privileged.command("/usr/bin/cp", "-a", "--reflink=auto", seed.toString(), paths.staging().toString())
                        .logTo(paths.log()).withTimeout(DEBOOTSTRAP_TIMEOUT));
            } else {
                status(paths, phase, "debootstrap of " + config.codename() + "/" + config.architecture() + " from " + archive(config));
                runner.run(debootstrap(config, paths).logTo(paths.log()).withTimeout(DEBOOTSTRAP_TIMEOUT));
            }
            var tree = "File".equals(config.backend()) ? paths.staging() : paths.tree();
            if (!tree.equals(paths.staging())) {
                runner.run(Privileged.command("/usr/bin/mv", paths.staging().toString(), tree.toString()).withTimeout(SHORT));
            }
            phase = Phase.CONFIGURING;
            status(paths, phase, "configuring apt and installing " + String.join(", ", settings.packages()) + " in the chroot");
            // Configured as a plain directory chroot first (changes go straight into the tree, whatever the backend;
            // the final config may use eatmydata, not installed yet).
            installSchrootConf(paths, SchrootConf.text(paths, "Dir", config.personalityOverride(), false)
                    .replace("directory=" + paths.tree(), "directory=" + tree).replace("union-type=overlay\n", ""));
            schroot.script("chroot:" + paths.name(), configureScript(config, true), paths.log(), APT_TIMEOUT);
            if ("File".equals(config.backend())) {
                phase = Phase.PACKAGING;
                status(paths, phase, "packing the chroot into " + paths.tarball());
                runner.run(Privileged.command("/usr/bin/tar", "--create", "--file", paths.tarball().toString(),
                        "--directory", paths.staging().toString(), ".").logTo(paths.log()).withTimeout(APT_TIMEOUT));
                removeTree(paths, paths.staging());
            }
            installSchrootConf(paths, SchrootConf.text(paths, config.backend(), config.personalityOverride(),
                    settings.packages().contains("eatmydata")));
            appendLog(paths, "I: chroot " + paths.name() + " prepared");
            status(paths, Phase.DONE, "prepared: schroot chroot " + paths.name());
        } catch (RuntimeException | IOException e) {
            var reason = phase.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + reason(e, paths);
            appendLog(paths, "E: " + reason);
            status(paths, Phase.FAILED, reason);
            try {
                removeFromDisk(paths);
            } catch (RuntimeException cleanup) {
                log.warn("cleaning up the failed chroot {} failed too: {}", paths.name(), cleanup.getMessage());
                e.addSuppressed(cleanup);
            }
            throw new ChrootException(paths.name() + ": " + reason + " (log: " + paths.log() + ")", e);
        }
    }

    private Path seed(ChrootConfig config) {
        if (settings.seedDir().isBlank()) {
            return null;
        }
        var seed = Path.of(settings.seedDir()).resolve(config.codename()).resolve(config.architecture());
        return Files.isRegularFile(seed.resolve("etc/debian_version")) ? seed : null;
    }

    private static String archive(ChrootConfig config) {
        if (config.archives().isEmpty()) {
            throw new ChrootException("the source " + config.source() + " has no archive recorded: prepare the source first");
        }
        return config.archives().getFirst();
    }

    private Command debootstrap(ChrootConfig config, ChrootPaths paths) throws IOException {
        var argv = new ArrayList<String>();
        argv.add(config.debootstrapCommand().isBlank() ? "/usr/sbin/debootstrap" : config.debootstrapCommand());
        argv.addAll(List.of("--variant=buildd", "--arch", config.architecture()));
        if (writeKeyring(config, paths)) {
            argv.addAll(List.of("--keyring", paths.keyring().toString()));
        }
        Arrays.stream(config.debootstrapExtraOptions().strip().split("\\s+")).filter(o -> !o.isEmpty()).forEach(argv::add);
        argv.addAll(List.of(config.codename(), paths.staging().toString(), archive(config)));
        return Privileged.command(argv);
    }

    /** debootstrap checks the Release against the Source's AptKeys; gpgv needs them unarmored. */
    private boolean writeKeyring(ChrootConfig config, ChrootPaths paths) throws IOException {
        if (config.aptKeys().isEmpty()) {
            return false;
        }
        var keyring = new ByteArrayOutputStream();
        for (var armored : config.aptKeys()) {
            keyring.write(runner.run(Command.of("gpg", "--batch", "--dearmor")
                    .withInput(armored.getBytes(StandardCharsets.UTF_8)).withTimeout(SHORT)).stdout());
        }
        Files.write(paths.keyring(), keyring.toByteArray());
        return true;
    }

    /**
     * The names of the {@code .deb} files {@code apt-get -s install …} (its stdin) would fetch, as apt names them in
     * its cache ({@code <package>_<version>_<arch>.deb}, the epoch's colon written {@code %3a}); an upgrade's
     * {@code Inst pkg [old] (new …)} gives the new version.
     */
    static final String SIMULATED_DEBS = "sed -n 's/^Inst \\([^ ]*\\) \\(\\[[^]]*\\] \\)\\{0,1\\}(\\([^ ]*\\) .*\\[\\([^]]*\\)\\]).*/\\1_\\3_\\4.deb/p'"
            + " | sed 's/:/%3a/g'";

    /** The apt setup of the base: mini-buildd's apt config, the Source (plus updates) as sources, extra packages. */
    String configureScript(ChrootConfig config, boolean install) {
        var sources = new StringBuilder();
        sources.append("deb ").append(archive(config)).append(' ').append(config.codename()).append(' ')
                .append(String.join(" ", config.components())).append('\n');
        config.upgradeSources().forEach(line -> sources.append(line).append('\n'));
        var script = new StringBuilder();
        script.append("set -e\n");
        script.append("export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8\n");
        script.append("cat > /etc/apt/apt.conf.d/90mini-buildd <<'MINI_BUILDD_EOF'\n").append(APT_CONF).append("MINI_BUILDD_EOF\n");
        script.append("cat > /etc/apt/sources.list <<'MINI_BUILDD_EOF'\n").append(sources).append("MINI_BUILDD_EOF\n");
        script.append("echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections\n");
        // Nobody reads man pages in a build chroot: without this, every build that installs a package with man pages
        // (debhelper does) spends a second or more rebuilding man-db's index in the man-db trigger.
        script.append("echo 'man-db man-db/auto-update boolean false' | debconf-set-selections\n");
        // Lists only: apt in the base never sees these lines (not in sources.list or sources.list.d), so nothing
        // is upgraded from them; builds, whose sources have them, find their lists fresh (BaseAptLists).
        script.append("cat > /").append(BaseAptLists.LIST_ONLY_SOURCES).append(" <<'MINI_BUILDD_EOF'\n");
        config.listSources().forEach(line -> script.append(line).append('\n'));
        script.append("MINI_BUILDD_EOF\n");
        // No list clean-up: each update would delete the lists of the other.
        script.append("apt-get -q update -o APT::Get::List-Cleanup=false\n");
        script.append("if [ -s /").append(BaseAptLists.LIST_ONLY_SOURCES).append(" ]; then apt-get -q update -o Dir::Etc::SourceList=/")
                .append(BaseAptLists.LIST_ONLY_SOURCES).append(" -o Dir::Etc::SourceParts=/dev/null -o APT::Get::List-Cleanup=false; fi\n");
        // When the lists were fresh: builds update only what the base has no fresh lists for (BaseAptLists).
        script.append("mkdir -p /var/lib/mini-buildd && touch /").append(BaseAptLists.STAMP).append('\n');
        if (install && !settings.packages().isEmpty()) {
            script.append("apt-get -q -y install ").append(String.join(" ", settings.packages())).append('\n');
        }
        script.append("apt-get -q -y dist-upgrade\n");
        script.append("apt-get -q -y --purge autoremove\n");
        // man-db's postinst honours the selection from its next configure on; the flag file is what the trigger reads.
        script.append("rm -f /var/lib/man-db/auto-update\n");
        script.append(cacheScript());
        return script.toString();
    }

    /**
     * Fills the base's apt cache with the build-dependency closure of {@code minibuildd.chroots.cached-packages}:
     * downloaded, not installed, so a build's apt in its snapshot session installs them without a download while
     * a missing Build-Depends still fails the build. Anything else goes (what installing and upgrading the base
     * left, and versions the closure no longer uses): the cache holds exactly the closure of the current lists, so
     * each upgrade refreshes it with what is new and downloads nothing twice.
     */
    private String cacheScript() {
        if (settings.cachedPackages().isEmpty()) {
            return "apt-get -q clean\n";
        }
        var packages = String.join(" ", settings.cachedPackages());
        return "apt-get -q -y --download-only install " + packages + "\n"
                + "keep=$(apt-get -q -s install " + packages + " | " + SIMULATED_DEBS + ")\n"
                + "for deb in /var/cache/apt/archives/*.deb; do\n"
                + "  [ -e \"$deb\" ] || continue\n"
                + "  printf '%s\\n' \"$keep\" | grep -qxF \"${deb##*/}\" || rm -f \"$deb\"\n"
                + "done\n"
                // What apt-get clean removed besides the .debs: apt's binary caches of the lists (~75 MB for
                // bookworm), of no use to builds (their sources differ from the base's, so apt makes new ones in
                // the session) and a burden for File chroots, which unpack the whole tree for every build.
                + "rm -f /var/cache/apt/pkgcache.bin /var/cache/apt/srcpkgcache.bin\n"
                + "echo \"I: apt cache of the chroot: $(ls /var/cache/apt/archives | grep -c '\\.deb$') packages for builds (closure of " + packages + ")\"\n";
    }

    /**
     * Brings the base up to date: apt sources rewritten from the configuration (an added security source counts
     * from the next upgrade on), update, dist-upgrade, and the apt cache refreshed with the new versions of the
     * cached build dependencies. Waits for running builds of the chroot.
     */
    public void upgrade(ChrootConfig config) {
        var paths = paths(config.codename(), config.architecture());
        if (!Files.exists(paths.systemSchrootConf())) {
            throw new ChrootException(paths.name() + " is not prepared: nothing to upgrade");
        }
        var lock = locks.of(paths.name());
        long stamp = lock.writeLock();
        try {
            startLog(paths, "upgrade of chroot " + paths.name());
            // No build of ours runs now (we hold the write lock), so an open session is one a dead daemon left
            // behind; its overlay must not stay mounted over a base that changes under it.
            schroot.endSessions(paths.name());
            status(paths, Phase.UPGRADING, "apt-get update and dist-upgrade in the base chroot");
            schroot.script("source:" + paths.name(), configureScript(config, false), paths.log(), APT_TIMEOUT);
            appendLog(paths, "I: chroot " + paths.name() + " upgraded");
            status(paths, Phase.DONE, "upgraded at " + Instant.now());
        } catch (RuntimeException e) {
            status(paths, Phase.FAILED, "upgrade failed: " + reason(e));
            throw new ChrootException(paths.name() + ": upgrade failed: " + reason(e) + " (log: " + paths.log() + ")", e);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The chroot is there, registered, opens as source and in a session, and apt works in it. */
    public void check(ChrootConfig config) {
        var paths = paths(config.codename(), config.architecture());
        var base = "File".equals(config.backend()) ? paths.tarball() : paths.tree();
        if (!Files.exists(base)) {
            throw new ChrootException(paths.name() + ": " + base + " is missing: prepare the chroot again");
        }
        if (!Files.isRegularFile(paths.systemSchrootConf())) {
            throw new ChrootException(paths.name() + ": the schroot config " + paths.systemSchrootConf() + " is missing: prepare the chroot again");
        }
        status(paths, Phase.CHECKING, "opening the chroot with schroot and running apt in a session");
        try {
            runner.run(Command.of(Schroot.SCHROOT, "--chroot", "source:" + paths.name(), "--user", "root", "--directory", "/",
                    "--", "true").withTimeout(SHORT));
            schroot.script(paths.name(), "set -e\napt-get -q update\napt-get -q check\n", null, SHORT);
            status(paths, Phase.DONE, "checked: schroot and apt work in " + paths.name());
        } catch (RuntimeException e) {
            status(paths, Phase.FAILED, "check failed: " + reason(e));
            throw new ChrootException(paths.name() + ": check failed: " + reason(e), e);
        }
    }

    /** Ends the chroot's sessions, unregisters it and deletes it; works with or without its configuration. */
    public void remove(String codename, String architecture) {
        var paths = paths(codename, architecture);
        var lock = locks.of(paths.name());
        long stamp = lock.writeLock();
        try {
            status(paths, Phase.REMOVING, "ending sessions and removing " + paths.dir());
            removeFromDisk(paths);
            status(paths, Phase.IDLE, "removed");
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void removeFromDisk(ChrootPaths paths) {
        if (Files.exists(paths.systemSchrootConf())) {
            schroot.endSessions(paths.name());
            runner.run(Privileged.command("/usr/bin/rm", "--force", paths.systemSchrootConf().toString()).withTimeout(SHORT));
        }
        if (Files.exists(paths.dir())) {
            removeTree(paths, paths.dir());
        }
    }

    /** debootstrap may leave /proc or /sys mounted in a failed tree: unmount before deleting, never delete through. */
    private void removeTree(ChrootPaths paths, Path tree) {
        for (var mount : mountsUnder(tree)) {
            runner.run(Privileged.command("/usr/bin/umount", "--lazy", mount).withTimeout(SHORT));
        }
        runner.run(Privileged.command("/usr/bin/rm", "--recursive", "--force", "--one-file-system", tree.toString())
                .withTimeout(APT_TIMEOUT));
    }

    private static List<String> mountsUnder(Path tree) {
        try {
            var prefix = tree.toAbsolutePath().normalize() + "/";
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1])
                    .filter(m -> m.startsWith(prefix)).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String errorLines(Path logFile) {
        try {
            return String.join("\n", Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("E: ")).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private void installSchrootConf(ChrootPaths paths, String text) throws IOException {
        Files.writeString(paths.schrootConfCopy(), text);
        runner.run(Privileged.command("/usr/bin/install", "--mode=0644", paths.schrootConfCopy().toString(),
                paths.systemSchrootConf().toString()).withTimeout(SHORT));
    }

    private void status(ChrootPaths paths, Phase phase, String message) {
        board.set(paths.codename(), paths.architecture(), phase, message);
        log.info("chroot {}: {}", paths.name(), message);
    }

    private static void startLog(ChrootPaths paths, String what) {
        try {
            Files.createDirectories(paths.log().getParent());
            Files.writeString(paths.log(), "I: " + Instant.now() + ": " + what + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chroot log " + paths.log() + ": " + e.getMessage(), e);
        }
    }

    private static void appendLog(ChrootPaths paths, String line) {
        try {
            Files.writeString(paths.log(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot append to {}: {}", paths.log(), e.getMessage());
        }
    }

    private static String reason(Exception e) {
        return reason(e, null);
    }

    /** The command's last stderr lines; debootstrap says why on stdout, so then its last E: lines from the log. */
    private static String reason(Exception e, ChrootPaths paths) {
        if (e instanceof ProcessFailedException failed) {
            var tail = failed.stderrTail() == null ? "" : failed.stderrTail().strip();
            if (tail.isEmpty() && paths != null) {
                tail = errorLines(paths.log());
            }
            var lines = tail.lines().toList();
            var last = lines.isEmpty() ? "" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            return failed.command().program() + " " + (failed.exitCode() >= 0 ? "exited with " + failed.exitCode() : "was stopped")
                    + (last.isEmpty() ? "" : ": " + last);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
