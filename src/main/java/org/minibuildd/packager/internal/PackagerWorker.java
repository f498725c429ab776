package org.minibuildd.packager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.minibuildd.daemon.CrashWindows;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.BuildChangesName;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.events.Problem;
import org.minibuildd.exchange.BuildExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves received uploads on: claims the oldest RECEIVED row ({@code FOR UPDATE SKIP LOCKED}), runs the
 * {@link UploadChecks}, and commits the outcome together with its event — REJECTED (the files moved to
 * {@code home/rejected/}) or PACKAGING (build requests written). Rows left in RECEIVED by a crash are simply
 * claimed again after the restart; each step can be redone.
 */
@Component
class PackagerWorker extends StepWorker {

    private static final Logger log = LoggerFactory.getLogger(PackagerWorker.class);

    private final UploadStore uploads;
    private final UploadBuildStore builds;
    private final Installer installer;
    private final UploadChecks checks;
    private final BuildRequests buildRequests;
    private final Events events;
    private final Home home;
    private final BuildExchange exchange;
    private final TransactionTemplate transaction;
    private final CrashWindows crashWindows;

    PackagerWorker(UploadStore uploads, UploadBuildStore builds, Installer installer,
                   UploadChecks checks, BuildRequests buildRequests, Events events, Home home, BuildExchange exchange,
                   TransactionTemplate transaction,
                   CrashWindows crashWindows) {
        super("packager");
        this.uploads = uploads;
        this.builds = builds;
        this.installer = installer;
        this.checks = checks;
        this.buildRequests = buildRequests;
        this.events = events;
        this.home = home;
        this.exchange = exchange;
        this.transaction = transaction;
        this.crashWindows = crashWindows;
    }

    @Override
    boolean step() {
        return check() || send() || install();
    }

    /** Processes one received upload; false when there is none. */
    boolean check() {
        return Boolean.TRUE.equals(transaction.execute(status -> uploads.claim(UploadStore.State.RECEIVED).map(row -> {
            MDC.put("upload", row.source() + "/" + row.version() + "/" + row.timecode());
            try {
                process(row);
            } finally {
                MDC.remove("upload");
            }
            return true;
        }).orElse(false)));
    }

    /**
     * Sends one due build request to the builder's incoming over FTP, as to any remote builder (the local one
     * included); a failed send is tried again with a growing back-off.
     */
    boolean send() {
        return Boolean.TRUE.equals(transaction.execute(status -> builds.claimDue().map(build -> {
            var upload = uploads.byId(build.uploadId()).orElseThrow();
            var name = BuildChangesName.BUILD_REQUEST.changesName(upload.uploadKey(), build.architecture());
            try {
                exchange.send(build.builder(), home.eventsDir(upload.uploadKey(), build.architecture()).resolve(name));
                builds.sent(build.id());
                log.info("sent build request {} to {}", name, build.builder());
            } catch (IOException e) {
                builds.failedToSend(build.id(), e.getMessage());
                log.warn("cannot send build request {} to {} (try {}): {}", name, build.builder(), build.attempts() + 1, e.getMessage());
            }
            return true;
        }).orElse(false)));
    }

    /** Installs (or fails) one upload whose every build result is in. */
    boolean install() {
        return Boolean.TRUE.equals(transaction.execute(status -> uploads.claimComplete().map(row -> {
            MDC.put("upload", row.source() + "/" + row.version() + "/" + row.timecode());
            try {
                installer.finish(row, builds.of(row.id()));
            } finally {
                MDC.remove("upload");
            }
            return true;
        }).orElse(false)));
    }

    private void process(UploadStore.Row row) {
        var rejectedDir = home.rejectedUpload(row.timecode(), row.changesName());
        // A crash after moving a rejected upload aside but before the commit: its files are already there.
        var dir = Files.isDirectory(row.dir()) ? row.dir() : rejectedDir;
        Changes changes = null;
        try {
            changes = Changes.parse(Files.readString(dir.resolve(row.changesName())));
            var target = checks.check(changes, dir);
            // The source package complete in one place (an orig tarball may have come from the pool): install needs it.
            for (var file : target.sourceFiles().entrySet()) {
                var here = dir.resolve(file.getKey());
                if (!Files.exists(here)) {
                    try {
                        Files.copy(file.getValue(), here);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot copy " + file.getValue() + " next to the upload", e);
                    }
                }
            }
            Map<String, Object> requests;
            try {
                requests = buildRequests.write(row, changes, target);
            } catch (IOException e) {
                // Our failure, not the upload's: roll back and try again (the upload stays RECEIVED).
                throw new java.io.UncheckedIOException("cannot write the build requests of " + row.changesName(), e);
            }
            for (var arch : requests.keySet()) {
                builds.request(row.id(), arch, target.builder(arch).incomingUrl());
            }
            uploads.resolve(row.id(), target.diststr().toString());
            uploads.move(row.id(), UploadStore.State.PACKAGING, "", dir);
            var extra = extra(row, changes);
            extra.put("buildrequests", requests);
            events.log(EventType.PACKAGING, target.diststr().toString(), row.source(), row.version(), extra);
            crashWindows.beforeCommit(CrashWindows.Step.PACKAGING, row.changesName());
            log.info("accepted {} for {}: packaging for {}", row.changesName(), target.diststr(), requests.keySet());
        } catch (Rejection | DebianFormatException | IOException e) {
            reject(row, changes, dir, rejectedDir, e.getMessage());
        }
    }

    private void reject(UploadStore.Row row, Changes changes, Path dir, Path rejectedDir, String reason) {
        try {
            if (!dir.equals(rejectedDir)) {
                Files.createDirectories(rejectedDir.getParent());
                Files.move(dir, rejectedDir, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot move rejected upload " + dir + " to " + rejectedDir + ": " + e.getMessage(), e);
        }
        uploads.move(row.id(), UploadStore.State.REJECTED, reason, rejectedDir);
        var extra = extra(row, changes);
        extra.put("quarantine", rejectedDir.toString());
        extra.put("error", Problem.ofUpload(reason).toJson());
        events.log(EventType.REJECTED, row.distribution(), row.source(), row.version(), extra);
        log.warn("rejected {}: {}", row.changesName(), reason);
    }

    /** The extra every event of an upload carries, as mini-buildd writes it. */
    static Map<String, Object> extra(UploadStore.Row row, Changes changes) {
        var extra = MiniBuilddFields.eventBase(row.uploadKey(), "source", row.changesName());
        if (changes != null) {
            extra.put("maintainer", changes.maintainer().orElse(""));
            extra.put("changed_by", changes.changedBy().orElse(""));
        }
        return extra;
    }
}
