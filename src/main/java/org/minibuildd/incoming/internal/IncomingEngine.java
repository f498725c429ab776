package org.minibuildd.incoming.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.minibuildd.incoming.IncomingReceiver;
import org.minibuildd.incoming.UploadKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the scans of the spool on one thread: at start, every {@code scanInterval}, and whenever an upload
 * finishes ({@link #trigger}). Complete uploads go to the receiver of their kind, bad ones to quarantine, and
 * quarantine reports to the receivers until one takes each. One thread means receivers never see two uploads at
 * once and a scan never races another.
 */
final class IncomingEngine {

    private static final Logger log = LoggerFactory.getLogger(IncomingEngine.class);

    private final Spool spool;
    private final Detector detector;
    private final Quarantine quarantine;
    private final Map<UploadKind, IncomingReceiver> receivers;
    private final Duration scanInterval;
    private final Duration partialTimeout;
    private final Clock clock;
    private final AtomicBoolean scanQueued = new AtomicBoolean();
    /** What was last logged about each upload, so a long wait is logged once, not at every scan. */
    private final Set<String> noted = new HashSet<>();
    private final Object scanning = new Object();
    private volatile ScheduledExecutorService scanner;

    IncomingEngine(Spool spool, Detector detector, Quarantine quarantine, List<IncomingReceiver> receivers,
                   Duration scanInterval, Duration partialTimeout, Clock clock) {
        this.spool = spool;
        this.detector = detector;
        this.quarantine = quarantine;
        this.receivers = byKind(receivers);
        this.scanInterval = scanInterval;
        this.partialTimeout = partialTimeout;
        this.clock = clock;
    }

    static Map<UploadKind, IncomingReceiver> byKind(List<IncomingReceiver> receivers) {
        var map = new EnumMap<UploadKind, IncomingReceiver>(UploadKind.class);
        for (var receiver : receivers) {
            for (var kind : receiver.kinds()) {
                var other = map.put(kind, receiver);
                if (other != null) {
                    throw new IllegalStateException("two incoming receivers for " + kind + ": "
                            + other.getClass().getName() + " and " + receiver.getClass().getName());
                }
            }
        }
        return map;
    }

    /** Finishes what a crash interrupted; the spool then holds exactly the truth to scan. */
    void recover() {
        quarantine.recover();
        spool.finishRemovals();
        spool.cleanPartials(partialTimeout, clock.instant());
    }

    synchronized void start() {
        if (scanner != null) {
            return;
        }
        recover();
        scanner = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("incoming-scan").factory());
        scanner.scheduleWithFixedDelay(this::scanSafely, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Incoming spool {}: scanning every {} s; receivers: {}", spool.dir(), scanInterval.toSeconds(),
                receivers.isEmpty() ? "none" : receivers.keySet());
    }

    synchronized void stop() {
        if (scanner == null) {
            return;
        }
        scanner.shutdown();
        try {
            if (!scanner.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The incoming scan did not finish within 30 s of the stop");
                scanner.shutdownNow();
            }
        } catch (InterruptedException e) {
            scanner.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scanner = null;
    }

    /** Asks for a scan soon; any number of calls before it runs make one scan. */
    void trigger() {
        var current = scanner;
        if (current != null && scanQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::scanSafely);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                scanQueued.set(false);
            }
        }
    }

    private void scanSafely() {
        scanQueued.set(false);
        try {
            scan();
        } catch (RuntimeException e) {
            log.error("Scan of the incoming spool failed; next scan in {} s", scanInterval.toSeconds(), e);
        }
    }

    /** One scan; runs on the scanner thread (tests call it directly). */
    void scan() {
        synchronized (scanning) {
            scanOnce();
        }
    }

    private void scanOnce() {
        var now = clock.instant();
        spool.cleanPartials(partialTimeout, now);
        var seen = new HashSet<String>();
        for (var finding : detector.scan(now)) {
            switch (finding) {
                case Finding.Complete complete -> deliver(complete, seen);
                case Finding.Bad bad -> quarantine(bad);
                case Finding.Waiting waiting -> {
                    var note = "waiting:" + waiting.changesName() + ":" + waiting.missing();
                    seen.add(note);
                    if (noted.add(note) && !waiting.missing().isEmpty()) {
                        log.info("{} waits for {}", waiting.changesName(), waiting.missing());
                    }
                }
            }
        }
        report(seen);
        noted.retainAll(seen);
    }

    private void deliver(Finding.Complete complete, Set<String> seen) {
        var upload = complete.upload();
        var receiver = receivers.get(upload.kind());
        if (receiver == null) {
            var note = "no-receiver:" + upload.key();
            seen.add(note);
            if (noted.add(note)) {
                log.info("{} is complete; nothing takes {}s yet, so it stays in the spool", upload, upload.kind());
            }
            return;
        }
        MDC.put("upload", upload.changesName());
        try {
            receiver.receive(upload);
        } catch (Exception e) {
            var note = "receive-failed:" + upload.key() + ":" + e;
            seen.add(note);
            if (noted.add(note)) {
                log.warn("Handing {} over failed; it stays in the spool and is offered again at every scan", upload, e);
            }
            return;
        } finally {
            MDC.remove("upload");
        }
        try {
            spool.remove(upload.changesName(), complete.files());
            log.info("Handed {} over ({} files)", upload, complete.files().size());
        } catch (java.io.IOException e) {
            log.error("{} was handed over but cannot be removed from the spool; it will be offered again", upload, e);
        }
    }

    private void quarantine(Finding.Bad bad) {
        MDC.put("upload", bad.name());
        try {
            quarantine.put(bad.kind(), bad.name(), bad.files(), bad.reason(), clock.instant());
        } catch (java.io.IOException e) {
            log.error("Cannot quarantine {} ({}); it stays in the spool", bad.name(), bad.reason(), e);
        } finally {
            MDC.remove("upload");
        }
    }

    private void report(Set<String> seen) {
        for (var rejected : quarantine.unreported()) {
            var receiver = receivers.get(rejected.kind());
            if (receiver == null) {
                continue;
            }
            try {
                receiver.rejected(rejected);
                quarantine.markReported(rejected);
            } catch (Exception e) {
                var note = "report-failed:" + rejected.quarantine();
                seen.add(note);
                if (noted.add(note)) {
                    log.warn("Reporting the rejection of {} failed; it is reported again at every scan", rejected.name(), e);
                }
            }
        }
    }
}
