package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.minibuildd.builder.RunningBuild;
import org.minibuildd.builder.Sbuild;
import org.minibuildd.builder.SbuildJob;
import org.minibuildd.builder.SbuildResult;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.incoming.FtpUpload;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.process.Command;
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
 * queued again.
 */
@Component
class BuildWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BuildWorker.class);

    private final BuildJobStore jobs;
    private final Sbuild sbuild;
    private final ConfigEditService config;
    private final Events events;
    private final InstanceKeyStore keys;
    private final InstanceService instances;
    private final ProcessRunner runner;
    private final TransactionTemplate transaction;
    private final Map<String, RunningBuild> running = new ConcurrentHashMap<>();
    /** Slots taken: from claiming a build until its result is committed. */
    private final java.util.concurrent.atomic.AtomicInteger slotsTaken = new java.util.concurrent.atomic.AtomicInteger();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean active;
    private volatile Thread thread;
    /** The Daemon's max_parallel_builds, read again only after a database write (status asks it per request). */
    private final java.util.function.Supplier<Integer> slots;

    BuildWorker(BuildJobStore jobs, Sbuild sbuild, ConfigEditService config, Events events, InstanceKeyStore keys,
                InstanceService instances, ProcessRunner runner, TransactionTemplate transaction,
                org.minibuildd.daemon.DatabaseWrites writes) {
        this.slots = writes.cached(() -> Math.max(1, config.daemon().maxParallelBuilds()));
        this.jobs = jobs;
        this.sbuild = sbuild;
        this.config = config;
        this.events = events;
        this.keys = keys;
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
                if (slotsTaken.get() < Math.max(1, config.daemon().maxParallelBuilds())) {
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
        var claimed = transaction.execute(s -> jobs.claimQueued().map(row -> {
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
        var logFile = row.dir().resolve(buildlogName(row));
        SbuildResult result = null;
        String failure = null;
        try {
            var request = request(row);
            var job = job(row, request);
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
        try {
            if (failure != null) {
                Files.writeString(logFile, "\nmini-buildd: " + failure + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            var status = result == null ? "failed" : result.status();
            var resultExtra = writeResult(row, result, logFile);
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

    private boolean sendNext() {
        return Boolean.TRUE.equals(transaction.execute(s -> jobs.claimUnsent().map(row -> {
            var name = resultName(row);
            var files = List.of(row.dir().resolve(buildlogName(row)), row.dir().resolve(name + ".tar"), row.dir().resolve(name));
            try {
                FtpUpload.upload(row.uploadTo(), files);
                jobs.sent(row.id());
                log.info("sent build result {} to {}", name, row.uploadTo());
            } catch (IOException e) {
                jobs.failedToSend(row.id(), e.getMessage());
                log.warn("cannot send build result {} to {} (try {}): {}", name, row.uploadTo(), row.attempts() + 1, e.getMessage());
            }
            return true;
        }).orElse(false)));
    }

    private static Changes request(BuildJobStore.Row row) throws IOException {
        return Changes.parseInternal(Files.readString(row.dir().resolve(
                row.source() + "_" + row.version() + "_mini-buildd-buildrequest_" + row.architecture() + ".changes")));
    }

    private static SbuildJob job(BuildJobStore.Row row, Changes request) throws IOException {
        var config = row.dir().resolve(".config");
        var noEpoch = row.version().substring(row.version().indexOf(':') + 1);
        var dsc = row.dir().resolve(row.source() + "_" + noEpoch + ".dsc");
        var codename = DistributionString.parse(row.distribution()).codename();
        return SbuildJob.of(dsc, codename, row.architecture(), row.distribution(), Files.readString(config.resolve("apt_sources.list")))
                .withArchAll("Yes".equalsIgnoreCase(request.get("X-Mini-Buildd-Arch-All").orElse("No")))
                .withResolver(request.get("X-Mini-Buildd-Build-Dep-Resolver").orElse("apt"))
                .withApt(Files.readString(config.resolve("apt_preferences")), Files.readString(config.resolve("apt_keys")))
                .withLintian(CheckMode.parse(request.get("X-Mini-Buildd-Lintian-Mode").orElse("ERRFAIL")),
                        request.get("X-Mini-Buildd-Lintian-Extra-Options").orElse(""))
                .withAutopkgtest(CheckMode.parse(request.get("X-Mini-Buildd-Autopkgtest-Mode").orElse("DISABLED")))
                .withPiuparts(CheckMode.parse(request.get("X-Mini-Buildd-Piuparts-Mode").orElse("DISABLED")),
                        request.get("X-Mini-Buildd-Piuparts-Extra-Options").orElse(""),
                        request.get("X-Mini-Buildd-Piuparts-Root-Arg").orElse("sudo"))
                .withBuildOptions(request.get("X-Mini-Buildd-Deb-Build-Options").orElse(""),
                        request.get("X-Mini-Buildd-Deb-Build-Profiles").orElse(""),
                        request.get("X-Mini-Buildd-Add-Depends").orElse(""));
    }

    private static String buildlogName(BuildJobStore.Row row) {
        return row.source() + "_" + row.version() + "_" + row.architecture() + ".buildlog";
    }

    private static String resultName(BuildJobStore.Row row) {
        return row.source() + "_" + row.version() + "_mini-buildd-buildresult_" + row.architecture() + ".changes";
    }

    /**
     * Writes the signed build result beside the build: the tar of what sbuild made and the {@code .changes} naming
     * it and the log, with sbuild's summary figures, as the reference's {@code wire/buildresult.changes}.
     */
    private Map<String, Object> writeResult(BuildJobStore.Row row, SbuildResult result, Path logFile) throws IOException {
        var instance = instances.instance();
        var name = resultName(row);
        var members = new ArrayList<String>();
        if (result != null) {
            for (var file : java.util.stream.Stream.concat(java.util.stream.Stream.of(result.changes(), result.buildinfo()),
                    result.debs().stream()).toList()) {
                if (file != null && Files.isRegularFile(file)) {
                    members.add(row.dir().relativize(file.toAbsolutePath()).toString());
                }
            }
        }
        var tmpTar = row.dir().resolve("." + name + ".tar.new");
        var argv = new ArrayList<>(List.of("tar", "--create", "--file", tmpTar.toString(), "--directory", row.dir().toString()));
        if (members.isEmpty()) {
            // A failed build made nothing: the result still goes back, with an empty tar (tar refuses to make one
            // from an empty list of names, not from an empty list file).
            argv.addAll(List.of("--files-from", "/dev/null"));
        }
        argv.addAll(members);
        runner.run(Command.of(argv));
        var tar = row.dir().resolve(name + ".tar");
        Files.move(tmpTar, tar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (!Files.exists(logFile)) {
            Files.writeString(logFile, "");
        }
        var key = row.bkey().substring(0, row.bkey().lastIndexOf('/'));
        var buildlog = key + "/" + row.architecture() + "/" + logFile.getFileName();
        var fields = new LinkedHashMap<String, String>();
        fields.put("Distribution", row.distribution());
        fields.put("Source", row.source());
        fields.put("Version", row.version());
        fields.put("Architecture", row.architecture());
        fields.put("X-Mini-Buildd-Timecode", key.substring(key.lastIndexOf('/') + 1));
        fields.put("X-Mini-Buildd-Builder", instance.url());
        fields.put("X-Mini-Buildd-Buildlog", buildlog);
        fields.put("X-Mini-Buildd-Buildlog-Installed", instance.url() + "/mini_buildd/events-dir/" + buildlog);
        fields.put("X-Mini-Buildd-Upload-To", row.uploadTo());
        var text = new StringBuilder();
        fields.forEach((field, value) -> text.append(field).append(": ").append(value).append('\n'));
        text.append("Files:\n");
        for (var file : List.of(logFile, tar)) {
            text.append(' ').append(md5(file)).append(' ').append(Files.size(file)).append(" mini-buildd extra ")
                    .append(file.getFileName()).append('\n');
        }
        var summary = new LinkedHashMap<String, String>();
        if (result != null && !result.autopkgtest().isEmpty()) {
            // Only when it ran, so a build without checks carries the reference's fields and no more.
            summary.put("X-Mini-Buildd-Sbuild-Autopkgtest", result.autopkgtest());
        }
        summary.put("X-Mini-Buildd-Sbuild-Build-Space", result == null ? "" : result.buildSpace());
        summary.put("X-Mini-Buildd-Sbuild-Build-Time", result == null ? "" : result.buildTime());
        summary.put("X-Mini-Buildd-Sbuild-Lintian", result == null ? "" : result.lintian());
        summary.put("X-Mini-Buildd-Sbuild-Package-Time", result == null ? "" : result.packageTime());
        if (result != null && !result.piuparts().isEmpty()) {
            summary.put("X-Mini-Buildd-Sbuild-Piuparts", result.piuparts());
        }
        summary.put("X-Mini-Buildd-Sbuild-Space", result == null ? "" : result.space());
        summary.put("X-Mini-Buildd-Sbuild-Status", result == null ? "failed" : result.status());
        summary.forEach((field, value) -> text.append(field).append(':').append(value == null || value.isEmpty() ? "" : " " + value).append('\n'));
        var tmp = row.dir().resolve("." + name + ".new");
        Files.writeString(tmp, keys.get().clearsign(text.toString()), StandardCharsets.UTF_8);
        Files.move(tmp, row.dir().resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        var extra = MiniBuilddFields.eventBase(row.source(), row.version(), fields.get(MiniBuilddFields.TIMECODE), row.architecture(), name);
        extra.put("builder", instance.url());
        extra.put("buildlog", buildlog);
        extra.put("buildlog_installed", fields.get("X-Mini-Buildd-Buildlog-Installed"));
        extra.put("upload_to", row.uploadTo());
        summary.forEach((field, value) -> extra.put(MiniBuilddFields.eventKey(field), value == null ? "" : value));
        return extra;
    }

    /** The BUILDING event's extra: the request's fields, as the reference logs them. */
    private Map<String, Object> requestExtra(BuildJobStore.Row row) {
        var key = row.bkey().substring(0, row.bkey().lastIndexOf('/'));
        var extra = MiniBuilddFields.eventBase(row.source(), row.version(), key.substring(key.lastIndexOf('/') + 1),
                row.architecture(), row.source() + "_" + row.version() + "_mini-buildd-buildrequest_" + row.architecture() + ".changes");
        try {
            MiniBuilddFields.addTo(extra, request(row).paragraph());
        } catch (IOException | RuntimeException e) {
            extra.put("error", "build request unreadable: " + e.getMessage());
        }
        return extra;
    }


    private static String md5(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return org.minibuildd.debian.Checksum.MD5.of(in);
        }
    }
}
