package org.minibuildd.builder.internal;

import java.util.Set;

import org.springframework.stereotype.Component;

/** The public {@code Builds} service's way into the worker. */
@Component
public class BuildControl {

    private final BuildWorker worker;

    BuildControl(BuildWorker worker) {
        this.worker = worker;
    }

    public Set<String> running() {
        return worker.running().keySet();
    }

    public double load() {
        return worker.load();
    }

    public boolean cancel(String bkey) {
        return worker.cancel(bkey);
    }
}
