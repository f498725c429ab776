package org.minibuildd.packager.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker of durable rows: one virtual thread that does steps while there is work ({@link #step()} true), then
 * sleeps until {@link #wake()} (after a commit that made work) or a few seconds have passed, so rows a crash left
 * behind are picked up after a restart too. A step that fails is logged and tried again shortly; a step cut off by
 * the stop rolls back and is redone at the next start.
 */
abstract class StepWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StepWorker.class);
    private static final long SCAN_SECONDS = 5;

    private final String name;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;

    StepWorker(String name) {
        this.name = name;
    }

    /** Does one piece of work; false when there is none. */
    abstract boolean step();

    /** What to do once before the first step (cleaning up after an earlier run). */
    void beforeFirstStep() {
    }

    void wake() {
        signal.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name(name).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        var t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        beforeFirstStep();
        while (running) {
            try {
                while (running && step()) {
                    // next one
                }
                signal.tryAcquire(SCAN_SECONDS, TimeUnit.SECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("{} step failed, trying again shortly", name, e);
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
