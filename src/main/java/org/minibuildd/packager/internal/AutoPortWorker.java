package org.minibuildd.packager.internal;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.minibuildd.daemon.CrashWindows;
import org.minibuildd.daemon.Home;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.events.Problem;
import org.minibuildd.packager.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the PENDING auto-ports: woken after an install with auto-ports committed, and looking on its own every few
 * seconds (so on start too: a port planned before a {@code kill -9} is made after the restart). Each row is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and marked in the same transaction once its port is uploaded; a crash before
 * that mark leaves it PENDING. Making a port again must not give users a second, different upload of the same
 * version, so a port whose upload is already on its way (in incoming, or recorded since the port was planned) is
 * only marked DONE; one whose upload a crash cut short is uploaded again from the files made then (see
 * {@link PortMaker#prepare}). A port that cannot be made is FAILED and logged as the REJECTED event of the port's
 * source and version; one our own incoming did not take is tried again a few times first.
 */
@org.springframework.stereotype.Component
class AutoPortWorker extends StepWorker {

    private static final Logger log = LoggerFactory.getLogger(AutoPortWorker.class);
    private static final int MAX_ATTEMPTS = 5;
    /** {@code ports/auto-port-<row id>/}: where a row's port is made. */
    private static final String DIR_PREFIX = "auto-port-";

    private final AutoPortStore store;
    private final PortMaker maker;
    private final UploadStore uploads;
    private final Events events;
    private final Home home;
    private final TransactionTemplate transaction;
    private final CrashWindows crashWindows;

    AutoPortWorker(AutoPortStore store, PortMaker maker, UploadStore uploads, Events events,
                   Home home, TransactionTemplate transaction, CrashWindows crashWindows) {
        super("auto-ports");
        this.store = store;
        this.maker = maker;
        this.uploads = uploads;
        this.events = events;
        this.home = home;
        this.transaction = transaction;
        this.crashWindows = crashWindows;
    }

    @Override
    void beforeFirstStep() {
        try {
            removeLeftovers();
        } catch (RuntimeException | java.io.IOException e) {
            log.warn("cannot remove the directories of finished auto-ports: {}", e.getMessage());
        }
    }

    /** Makes one due auto-port; false when there is none. */
    @Override
    boolean step() {
        return Boolean.TRUE.equals(transaction.execute(status -> store.claimDue().map(row -> {
            MDC.put("upload", row.uploadKey());
            try {
                make(row);
            } finally {
                MDC.remove("upload");
            }
            return true;
        }).orElse(false)));
    }

    private void make(AutoPortStore.Row row) {
        var plan = row.plan();
        var dir = home.port(DIR_PREFIX + row.id());
        var made = alreadyMade(row);
        if (made.isPresent()) {
            log.info("auto-port of {} to {} as {} was made before ({}): done", plan.source(), plan.distribution(), plan.version(), made.get());
            store.done(row.id());
            removeAfterCommit(dir);
            return;
        }
        try {
            var changes = maker.prepare(plan, dir);
            crashWindows.beforeCommit(CrashWindows.Step.AUTO_PORT, plan.source() + " " + plan.version());
            maker.upload(plan, changes);
            store.done(row.id());
            removeAfterCommit(dir);
        } catch (PortException | UncheckedIOException e) {
            // 500: our own incoming did not take it (not up yet, disk full); anything else is the port's own fault.
            var transient_ = !(e instanceof PortException p) || p.status() >= 500;
            if (transient_ && row.attempts() + 1 < MAX_ATTEMPTS) {
                var delay = Duration.ofSeconds(10L << row.attempts());
                log.warn("auto-port of {} to {} as {} failed (try {}), again in {} s: {}", plan.source(), plan.distribution(),
                        plan.version(), row.attempts() + 1, delay.toSeconds(), e.getMessage());
                store.retryLater(row.id(), e.getMessage(), delay);
            } else {
                fail(row, e);
                removeAfterCommit(dir);
            }
        } catch (RuntimeException e) {
            fail(row, e);
            removeAfterCommit(dir);
        }
    }

    /** The directories of ports whose row became final just before a crash: nothing will use them again. */
    private void removeLeftovers() throws java.io.IOException {
        var all = home.port(DIR_PREFIX).getParent();
        if (!Files.isDirectory(all)) {
            return;
        }
        var pending = store.pendingIds();
        try (var dirs = Files.list(all)) {
            dirs.filter(d -> d.getFileName().toString().matches(DIR_PREFIX + "[0-9]+"))
                    .filter(d -> !pending.contains(Long.parseLong(d.getFileName().toString().substring(DIR_PREFIX.length()))))
                    .forEach(PortMaker::delete);
        }
    }

    /** The port's directory goes once its row is final; a crash before that only leaves the directory behind. */
    private static void removeAfterCommit(Path dir) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                PortMaker.delete(dir);
            }
        });
    }

    private void fail(AutoPortStore.Row row, RuntimeException e) {
        var plan = row.plan();
        log.error("auto-port of {} to {} as {} failed", plan.source(), plan.distribution(), plan.version(), e);
        store.failed(row.id(), String.valueOf(e.getMessage()));
        var extra = new LinkedHashMap<String, Object>();
        extra.put("auto_port_of", plan.publicUrl());
        extra.put("error", Problem.ofUpload("auto-port failed before its upload: " + e.getMessage()).toJson());
        events.log(EventType.REJECTED, plan.distribution(), plan.source(), plan.version().toString(), extra);
    }

    /**
     * Where an earlier try of this port got to, if its upload went out: its {@code .changes} waiting in our
     * incoming, or an upload of its source and version received since the port was planned (whatever became of it:
     * installed, or rejected for its own reasons). An older upload of that version is not this port's: then the
     * port is made, and the packager says what it thinks of it, as without the crash.
     */
    private Optional<String> alreadyMade(AutoPortStore.Row row) {
        var plan = row.plan();
        var changesName = plan.source() + "_" + plan.version().withoutEpoch() + "_source.changes";
        if (Files.exists(home.incoming().resolve(changesName))) {
            return Optional.of(changesName + " is in incoming");
        }
        if (uploads.receivedSince(plan.source(), plan.version().toString(), row.created())) {
            return Optional.of("an upload of " + plan.source() + " " + plan.version() + " is recorded");
        }
        return Optional.empty();
    }
}
