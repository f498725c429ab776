package org.minibuildd.packager.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.debian.Changes;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.UploadOptions;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.events.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code auto-ports} upload option: an installed upload is ported to each listed distribution. Inside the
 * install's transaction each port is only planned (checked, versioned: cheap, and the outcome the INSTALLED event
 * records as mini-buildd does, {@code {dist: [true, result]}} or {@code [false, reason]}); the ports are made and
 * uploaded after that transaction committed, so a port never runs for an install that did not happen, and a failing
 * auto-port never fails the install. A port that fails while being made is recorded as a REJECTED event of the
 * port's own source and version.
 */
@Component
class AutoPorts {

    private static final Logger log = LoggerFactory.getLogger(AutoPorts.class);

    private final PortPlanner planner;
    private final PortMaker maker;
    private final Events events;

    AutoPorts(PortPlanner planner, PortMaker maker, Events events) {
        this.planner = planner;
        this.maker = maker;
        this.events = events;
    }

    /** Plans the upload's auto-ports and has them made once the current transaction commits; the event's outcome. */
    Map<String, Object> afterCommit(String source, String version, String distribution, Changes upload) {
        var outcome = new LinkedHashMap<String, Object>();
        List<String> targets;
        try {
            targets = upload == null ? List.of() : UploadOptions.of(upload).autoPorts().stream().map(Object::toString).toList();
        } catch (DebianFormatException e) {
            return outcome; // the checks read the options before: not reached
        }
        var plans = new ArrayList<PortPlan>();
        for (var target : targets) {
            try {
                var plan = planner.internal(source, distribution, List.of(target), version, null).getFirst();
                plans.add(plan);
                outcome.put(target, List.of(true, plan.result().toJson()));
            } catch (RuntimeException e) { // PortException, or a repository that cannot be read: never fails the install
                log.warn("auto-port of {} {} to {} refused: {}", source, version, target, e.getMessage());
                outcome.put(target, List.of(false, String.valueOf(e.getMessage())));
            }
        }
        if (!plans.isEmpty()) {
            Runnable make = () -> Thread.ofVirtual().name("auto-ports " + source).start(() -> plans.forEach(this::make));
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        make.run();
                    }
                });
            } else {
                make.run();
            }
        }
        return outcome;
    }

    private void make(PortPlan plan) {
        try {
            maker.make(plan);
        } catch (RuntimeException e) {
            log.error("auto-port of {} to {} as {} failed", plan.source(), plan.distribution(), plan.version(), e);
            var extra = new LinkedHashMap<String, Object>();
            extra.put("auto_port_of", plan.publicUrl());
            extra.put("error", Problem.ofUpload("auto-port failed before its upload: " + e.getMessage()).toJson());
            events.log(EventType.REJECTED, plan.distribution(), plan.source(), plan.version().toString(), extra);
        }
    }
}
