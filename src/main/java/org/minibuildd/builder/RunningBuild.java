package org.minibuildd.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.minibuildd.builder.internal.SbuildSetup;
import org.minibuildd.builder.internal.SbuildSummary;
import org.minibuildd.builder.internal.SessionLintian;
import org.minibuildd.builder.internal.Schroot;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.RunningProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A build in progress. {@link #cancel()} kills sbuild's whole process group (compilers included);
 * {@link #await()} then reports {@code cancelled}. Either way the schroot session is ended after sbuild is gone.
 */
public final class RunningBuild {

    private static final Logger log = LoggerFactory.getLogger(RunningBuild.class);
    private static final int TAIL_LINES = 40;

    private final SbuildJob job;
    private final String schroot;
    private final RunningProcess process;
    private final SbuildSetup setup;
    private final Path logFile;
    private final Schroot schrootCalls;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    RunningBuild(SbuildJob job, String chroot, RunningProcess process, SbuildSetup setup, Path logFile, Schroot schroot,
                 Runnable release) {
        this.job = job;
        this.schroot = chroot;
        this.process = process;
        this.setup = setup;
        this.logFile = logFile;
        this.schrootCalls = schroot;
        this.release = release;
    }

    public SbuildJob job() {
        return job;
    }

    public Path log() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** sbuild's process id (and process group id). */
    public long pid() {
        return process.pid();
    }

    public void cancel() {
        log.info("cancelling the build of {}", job.dsc().getFileName());
        process.cancel();
    }

    public SbuildResult await() throws InterruptedException {
        int exitCode;
        String stopped = null;
        try {
            exitCode = process.await().exitCode();
        } catch (ProcessFailedException.NonZeroExit e) {
            exitCode = e.exitCode();
        } catch (ProcessFailedException.Cancelled e) {
            exitCode = -1;
            stopped = SbuildResult.CANCELLED;
        } catch (ProcessFailedException.TimedOut e) {
            exitCode = -1;
            stopped = "failed";
        } finally {
            // sbuild leaves its session (--purge-session=never): it is ended here, beside whatever the caller does
            // with the result, and only then may the chroot's base change (the read lock goes with it).
            Thread.ofVirtual().name("end-session-" + process.pid()).start(() -> {
                try {
                    endLeftSession();
                } finally {
                    if (released.compareAndSet(false, true)) {
                        release.run();
                    }
                }
            });
        }
        var lines = logLines();
        var summary = new java.util.LinkedHashMap<>(SbuildSummary.parse(lines));
        if (!summary.containsKey("Lintian")) {
            SessionLintian.verdict(lines).filter(v -> !v.equals("not-run")).ifPresent(v -> summary.put("Lintian", v));
        }
        if (stopped != null) {
            summary.put("Status", stopped);
        } else if (!summary.containsKey("Status")) {
            summary.put("Status", exitCode == 0 ? "successful" : "failed");
        }
        return new SbuildResult(Map.copyOf(summary), exitCode, produced(".changes"), produced(".buildinfo"), debs(),
                logFile, String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    }

    /** The session stays after sbuild (ours to end, see above, or left by a killed sbuild) and keeps its mounts. */
    private void endLeftSession() {
        setup.session().ifPresent(session -> {
            try {
                if (schrootCalls.sessions(schroot).contains(session)) {
                    schrootCalls.endSession(session);
                }
            } catch (RuntimeException e) {
                log.warn("could not end the schroot session {} of a stopped build: {}", session, e.getMessage());
            }
        });
    }

    private List<String> logLines() {
        try {
            // Lenient: a build log may hold any bytes a compiler printed.
            return Files.exists(logFile) ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** sbuild names its files {@code <source>_<version without epoch>_<arch>.<ext>}. */
    private String stem() {
        var name = job.dsc().getFileName().toString();
        return name.substring(0, name.length() - ".dsc".length()) + "_" + job.architecture();
    }

    private Path produced(String extension) {
        var file = job.buildDir().resolve(stem() + extension);
        return Files.exists(file) ? file : null;
    }

    private List<Path> debs() {
        var found = new ArrayList<Path>();
        try (Stream<Path> files = Files.list(job.buildDir())) {
            files.filter(f -> f.getFileName().toString().matches(".*\\.(deb|udeb|ddeb)$")).sorted().forEach(found::add);
        } catch (IOException e) {
            // no build dir, no packages
        }
        return found;
    }
}
