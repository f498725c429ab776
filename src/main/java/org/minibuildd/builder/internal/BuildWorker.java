package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.minibuildd.builder.RunningBuild;
import org.minibuildd.builder.Sbuild;
import org.minibuildd.builder.SbuildJob;
import org.minibuildd.builder.SbuildResult;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.daemon.DatabaseWrites;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.BuildChangesName;
import org.minibuildd.debian.BuildRequest;
import org.minibuildd.debian.BuildResult;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.debian.UploadKey;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Problem;
import org.minibuildd.events.Events;
import org.minibuildd.exchange.BuildExchange;
import org.minibuildd.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The build queue: at most the Daemon's {@code max_parallel_builds} sbuild runs at once, oldest request first.
 * A build commits BUILDING (with its event) before sbuild starts and BUILT (with its event) once the signed
 * result — sbuild's {@code .changes}, {@code .buildinfo} and {@code .deb}s in a tar, and the build log — is
 * written; the result is then sent to the requester's incoming, retried with a back-off until it is taken.
 * Builds found BUILDING at start died with the daemon: their sbuild's process group is killed and they are
 * queued again. A build that cannot get its schroot session is the builder's fault, not the package's
 * ({@link BrokenChroots}): it goes back to the queue, with a DEFERRED event saying why, and waits while its chroot is
 * out of use.
 */
@Component
class BuildWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BuildWorker.class);
    /** How often a build whose session failed is tried again while its chroot checks fine. */
    private static final int MAX_SESSION_RETRIES = 3;

    private final BuildJobStore jobs;
    private final Sbuild sbuild;
    private final Events events;
    private final BuildExchange exchange;
    private final InstanceService instances;
    private final ProcessRunner runner;
    private final TransactionTemplate transaction;
    private final BrokenChroots brokenChroots;
    private final PackagerRepositories packagerRepositories;
    private final Map<String, RunningBuild> running = new ConcurrentHashMap<>();
    /** Slots taken: from claiming a build until its result is committed. */
    private final AtomicInteger slotsTaken = new AtomicInteger();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean active;
    private volatile Thread thread;
    /** The Daemon's max_parallel_builds, read again only after a database write (status asks it per request). */
    private final Supplier<Integer> slots;

    BuildWorker(BuildJobStore jobs, Sbuild sbuild, ConfigEditService config, Events events, BuildExchange exchange,
                InstanceService instances, ProcessRunner runner, TransactionTemplate transaction,
                DatabaseWrites writes, BrokenChroots brokenChroots, PackagerRepositories packagerRepositories) {
        this.slots = writes.cached(() -> Math.max(1, config.daemon().maxParallelBuilds()));
        this.brokenChroots = brokenChroots;
        this.packagerRepositories = packagerRepositories;
        this.jobs = jobs;
        this.sbuild = sbuild;
        this.events = events;
        this.exchange = exchange;
        this.instances = instances;
        this.runner = runner;
        this.transaction = transaction;
    }

    void wake() {
        signal.release();
    }

    /** The builds running now, by build key ({@code <source>/<version>/<timecode>/<arch>}). */
    Map<String, RunningBuild> running() {
        return Map.copyOf(running);
    }

    /**
     * Builds taken (from claim until the result is committed) per build slot, as mini-buildd's {@code status}
     * reports its load; -1 when this instance does not build (the worker is stopped), as a stopped mini-buildd.
     */
    double load() {
        if (!active) {
            return -1.0;
        }
        return (double) slotsTaken.get() / slots.get();
    }

    /** Cancels a running build; false when there is none of that key. */
    boolean cancel(String bkey) {
        var build = running.get(bkey);
        if (build == null) {
            return false;
        }
        build.cancel();
        return true;
    }

    @Override
    public void start() {
        active = true;
        transaction.executeWithoutResult(s -> {
            for (var row : jobs.inState(BuildJobStore.State.BUILDING)) {
                new OrphanedBuild(row.dir(), row.pid(), new Schroot(runner)).end();
                jobs.requeue(row.id());
                log.warn("build {} was running when the daemon stopped: queued again", row.bkey());
            }
        });
        thread = Thread.ofVirtual().name("builder").start(this::loop);
    }

    @Override
    public void stop() {
        active = false;
        running.values().forEach(RunningBuild::cancel);
        var t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    private void loop() {
        while (active) {
            try {
                boolean busy = false;
                if (slotsTaken.get() < slots.get()) {
                    busy = startNext();
                }
                busy |= sendNext();
                if (!busy) {
                    signal.tryAcquire(5, TimeUnit.SECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!active) {
                    return; // stopping: the interrupt broke the step, which rolled back and is redone at the next start
                }
                log.error("builder step failed, trying again shortly", e);
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private boolean startNext() {
        var claimed = transaction.execute(s -> jobs.claimQueued(brokenChroots.held()).map(row -> {
            jobs.building(row.id());
            events.log(EventType.BUILDING, row.distribution(), row.source(), row.version(), requestExtra(row));
            return row;
        }));
        if (claimed == null || claimed.isEmpty()) {
            return false;
        }
        var row = claimed.get();
        slotsTaken.incrementAndGet();
        Thread.ofVirtual().name("build-" + row.bkey()).start(() -> {
            try {
                build(row);
            } finally {
                slotsTaken.decrementAndGet();
                wake();
            }
        });
        return true;
    }

    private void build(BuildJobStore.Row row) {
        MDC.put("build", row.bkey());
        var logFile = row.dir().resolve(key(row).buildlogName(row.architecture()));
        SbuildResult result = null;
        String failure = null;
        try {
            var request = request(row);
            var job = job(row, request, packagerRepositories.of(request.packager()));
            var started = sbuild.start(job, logFile);
            running.put(row.bkey(), started);
            transaction.executeWithoutResult(s -> jobs.pid(row.id(), started.pid()));
            result = started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted: the daemon is stopping";
        } catch (IOException | RuntimeException e) {
            failure = "the build could not run: " + e.getMessage();
            log.error("build {} could not run", row.bkey(), e);
        } finally {
            running.remove(row.bkey());
        }
        if (!active) {
            // The daemon is stopping and killed this build: nothing is recorded, the row stays BUILDING and the
            // next start builds it again (a stop must not fail anybody's upload).
            return;
        }
        var sessionFailure = SessionFailure.of(result);
        if (sessionFailure.isPresent()) {
            if (deferred(row, sessionFailure.get(), logFile)) {
                return;
            }
            failure = sessionFailure.get();
        }
        if (failure == null) {
            failure = new SbuildSetup(row.dir().resolve(".mini-buildd-sbuild")).failure().orElse(null);
        }
        try {
            if (failure != null) {
                Files.writeString(logFile, "\nmini-buildd: " + failure + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            var status = result == null ? "failed" : result.status();
            var resultExtra = writeResult(row, result, logFile, failure);
            transaction.executeWithoutResult(s -> {
                jobs.built(row.id(), status);
                events.log(EventType.BUILT, row.distribution(), row.source(), row.version(), resultExtra);
            });
            log.info("built {}: {}", row.bkey(), status);
        } catch (IOException | RuntimeException e) {
            log.error("cannot write the result of build {}; it will be built again later", row.bkey(), e);
            transaction.executeWithoutResult(s -> jobs.retryLater(row.id(), String.valueOf(e.getMessage())));
        } finally {
            MDC.remove("build");
        }
    }

    /**
     * The build could not get its session: the chroot is checked, and the build waits (true) while the chroot is out
     * of use, or is tried again shortly while it checks fine, a few times; false when it cannot ever run here (no such
     * chroot, or it kept failing although its chroot checks fine): then it ends failed, with the reason.
     */
    private boolean deferred(BuildJobStore.Row row, String sessionFailure, Path logFile) {
        var verdict = brokenChroots.check(DistributionString.parse(row.distribution()).codename(), row.architecture(), sessionFailure);
        if (verdict instanceof BrokenChroots.Unknown
                || verdict instanceof BrokenChroots.Works && row.attempts() >= MAX_SESSION_RETRIES) {
            return false;
        }
        var extra = requestExtra(row);
        extra.put("error", Problem.ofEvent(503, "Service Unavailable", verdict.why()).toJson());
        try {
            Files.writeString(logFile, "\nmini-buildd: " + verdict.why() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot note the deferral in {}: {}", logFile, e.getMessage());
        }
        transaction.executeWithoutResult(s -> {
            if (verdict instanceof BrokenChroots.Broken) {
                jobs.requeue(row.id());
            } else {
                jobs.retryLater(row.id(), verdict.why());
            }
            events.log(EventType.DEFERRED, row.distribution(), row.source(), row.version(), extra);
        });
        log.warn("build {} deferred: {}", row.bkey(), verdict.why());
        return true;
    }

    private boolean sendNext() {
        return Boolean.TRUE.equals(transaction.execute(s -> jobs.claimUnsent().map(row -> {
            var name = BuildChangesName.BUILD_RESULT.changesName(key(row), row.architecture());
            try {
                exchange.send(row.uploadTo(), row.dir().resolve(name));
                jobs.sent(row.id());
                log.info("sent build result {} to {}", name, row.uploadTo());
            } catch (IOException e) {
                jobs.failedToSend(row.id(), e.getMessage());
                log.warn("cannot send build result {} to {} (try {}): {}", name, row.uploadTo(), row.attempts() + 1, e.getMessage());
            }
            return true;
        }).orElse(false)));
    }

    private static UploadKey key(BuildJobStore.Row row) {
        return UploadKey.parse(row.bkey());
    }

    private static BuildRequest request(BuildJobStore.Row row) throws IOException {
        return BuildRequest.parse(Files.readString(row.dir().resolve(
                BuildChangesName.BUILD_REQUEST.changesName(key(row), row.architecture()))));
    }

    private static SbuildJob job(BuildJobStore.Row row, BuildRequest request, PackagerRepository packager) throws IOException {
        var config = row.dir().resolve(".config");
        var dsc = row.dir().resolve(key(row).dscName());
        var codename = DistributionString.parse(row.distribution()).codename();
        var sbuild = request.sbuild();
        var checks = request.checks();
        return SbuildJob.of(dsc, codename, row.architecture(), row.distribution(),
                        packager.rewrite(Files.readString(config.resolve("apt_sources.list"))))
                .withOwnRepository(packager.reachable())
                .withArchAll(request.archAll())
                .withResolver(sbuild.buildDepResolver())
                .withApt(Files.readString(config.resolve("apt_preferences")), Files.readString(config.resolve("apt_keys")))
                .withLintian(checks.lintian(), checks.lintianExtraOptions())
                .withAutopkgtest(checks.autopkgtest())
                .withPiuparts(checks.piuparts(), checks.piupartsExtraOptions(), checks.piupartsRootArg())
                .withBuildOptions(sbuild.debBuildOptions(), sbuild.debBuildProfiles(), sbuild.addDepends());
    }

    /**
     * Writes the signed build result beside the build: the tar of what sbuild made and the {@code .changes} naming
     * it and the log, with sbuild's summary figures, as the reference's {@code wire/buildresult.changes}.
     */
    private Map<String, Object> writeResult(BuildJobStore.Row row, SbuildResult result, Path logFile, String failure) throws IOException {
        var instance = instances.instance();
        var key = key(row);
        var members = new ArrayList<String>();
        if (result != null) {
            for (var file : java.util.stream.Stream.concat(java.util.stream.Stream.of(result.changes(), result.buildinfo()),
                    result.debs().stream()).toList()) {
                if (file != null && Files.isRegularFile(file)) {
                    members.add(row.dir().relativize(file.toAbsolutePath()).toString());
                }
            }
        }
        if (!Files.exists(logFile)) {
            Files.writeString(logFile, "");
        }
        var buildlog = key.buildlog(row.architecture());
        var summary = result == null ? BuildResult.Summary.FAILED
                : new BuildResult.Summary(result.autopkgtest(), result.buildSpace(), result.buildTime(), result.lintian(),
                        result.packageTime(), result.piuparts(), result.space(), result.status());
        var buildResult = new BuildResult(row.distribution(), key, row.architecture(), instance.url(), buildlog,
                Home.eventsDirUrl(instance.url(), buildlog), row.uploadTo(), summary,
                failure == null ? "" : failure.lines().collect(java.util.stream.Collectors.joining(" ")));
        exchange.write(row.dir(), buildResult, logFile, members);

        var extra = MiniBuilddFields.eventBase(key, row.architecture(), buildResult.changesName());
        MiniBuilddFields.addTo(extra, buildResult.toParagraph(List.of()));
        return extra;
    }

    /** The BUILDING event's extra: the request's fields, as the reference logs them. */
    private Map<String, Object> requestExtra(BuildJobStore.Row row) {
        var key = key(row);
        var extra = MiniBuilddFields.eventBase(key, row.architecture(),
                BuildChangesName.BUILD_REQUEST.changesName(key, row.architecture()));
        try {
            MiniBuilddFields.addTo(extra, request(row).toParagraph(List.of()));
        } catch (IOException | RuntimeException e) {
            extra.put("error", "build request unreadable: " + e.getMessage());
        }
        return extra;
    }
}
