package org.minibuildd.packager.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.debian.Changes;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.UploadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code auto-ports} upload option: an installed upload is ported to each listed distribution. Inside the
 * install's transaction each port is only planned (checked, versioned: cheap, and the outcome the INSTALLED event
 * records as mini-buildd does, {@code {dist: [true, result]}} or {@code [false, reason]}) and recorded as a PENDING
 * {@code auto_port} row; the {@link AutoPortWorker} makes and uploads it once that transaction committed. So a port
 * never runs for an install that did not happen, a failing auto-port never fails the install, and a {@code kill -9}
 * after the install loses no port: the row is still pending after the restart.
 */
@Component
class AutoPorts {

    private static final Logger log = LoggerFactory.getLogger(AutoPorts.class);

    private final PortPlanner planner;
    private final AutoPortStore store;
    private final AutoPortWorker worker;

    AutoPorts(PortPlanner planner, AutoPortStore store, AutoPortWorker worker) {
        this.planner = planner;
        this.store = store;
        this.worker = worker;
    }

    /** Plans the upload's auto-ports, recorded in the current transaction and made after its commit; the event's outcome. */
    Map<String, Object> afterCommit(String uploadKey, String source, String version, String distribution, Changes upload) {
        var outcome = new LinkedHashMap<String, Object>();
        List<String> targets;
        try {
            targets = upload == null ? List.of() : UploadOptions.of(upload).autoPorts().stream().map(Object::toString).toList();
        } catch (DebianFormatException e) {
            return outcome; // the checks read the options before: not reached
        }
        var planned = false;
        for (var target : targets) {
            PortPlan plan;
            try {
                plan = planner.internal(source, distribution, List.of(target), version, null).getFirst();
            } catch (RuntimeException e) { // PortException, or a repository that cannot be read: never fails the install
                log.warn("auto-port of {} {} to {} refused: {}", source, version, target, e.getMessage());
                outcome.put(target, List.of(false, String.valueOf(e.getMessage())));
                continue;
            }
            // Outside the catch: a database error here must roll the install back (it is redone), not hide.
            store.insert(uploadKey, version, distribution, plan);
            planned = true;
            outcome.put(target, List.of(true, plan.result().toJson()));
        }
        if (planned) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.wake();
                    }
                });
            } else {
                worker.wake();
            }
        }
        return outcome;
    }
}
