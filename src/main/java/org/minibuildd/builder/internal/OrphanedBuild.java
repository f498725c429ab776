package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a build leaves behind when the daemon dies under it ({@code kill -9}, power cut of the JVM only): its sbuild,
 * with compilers and apt below it, goes on running, and its schroot session stays open with its overlay mounted.
 * Before the build is queued again both must go, or the new run would share the build directory with the old one.
 * The sbuild is found by the pid the queue recorded and, should the daemon have died before recording it, by its
 * working directory (sbuild runs in the build's directory); a recorded pid that now belongs to some other program
 * (the machine rebooted) is left alone.
 */
final class OrphanedBuild {

    private static final Logger log = LoggerFactory.getLogger(OrphanedBuild.class);

    private final Path buildDir;
    private final Long pid;
    private final Schroot schroot;

    OrphanedBuild(Path buildDir, Long pid, Schroot schroot) {
        this.buildDir = buildDir.toAbsolutePath().normalize();
        this.pid = pid;
        this.schroot = schroot;
    }

    void end() {
        for (var sbuild : sbuilds()) {
            log.warn("killing sbuild {} (and what runs below it) left by a daemon that died while building in {}", sbuild.pid(), buildDir);
            kill(sbuild);
        }
        new SbuildSetup(buildDir.resolve(".mini-buildd-sbuild")).session().ifPresent(session -> {
            try {
                if (schroot.allSessions().contains(session)) {
                    log.warn("ending schroot session {} left by a build that died with the daemon", session);
                    schroot.endSession(session);
                }
            } catch (RuntimeException e) {
                log.warn("cannot end the schroot session {} of an orphaned build: {}", session, e.getMessage());
            }
        });
    }

    private List<ProcessHandle> sbuilds() {
        var found = new ArrayList<ProcessHandle>();
        if (pid != null) {
            ProcessHandle.of(pid).filter(OrphanedBuild::isSbuild).ifPresent(found::add);
        }
        ProcessHandle.allProcesses().filter(p -> !found.contains(p)).filter(OrphanedBuild::isSbuild)
                .filter(p -> buildDir.equals(cwd(p))).forEach(found::add);
        return found;
    }

    /** Kills the tree from the bottom up until nothing of it is left (a dying make may still fork). */
    private static void kill(ProcessHandle sbuild) {
        for (int round = 0; round < 10; round++) {
            var members = new ArrayList<>(sbuild.descendants().toList());
            members.add(sbuild);
            var alive = members.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            for (var member : alive) {
                try {
                    member.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // next round
                }
            }
        }
    }

    private static boolean isSbuild(ProcessHandle process) {
        return process.info().commandLine().map(c -> c.contains("/usr/bin/sbuild")).orElse(false);
    }

    private static Path cwd(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).normalize();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
