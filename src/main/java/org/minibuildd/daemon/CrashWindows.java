package org.minibuildd.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Holds a step open just before it commits, so a crash test can {@code kill -9} the daemon at the most delicate
 * moment of that step: its files are written (build requests, reprepro's pool) but its state is not. Off unless
 * {@code minibuildd.crash-test.pause-before-commit} names steps; the log line says when a window opens, which is
 * what the test waits for.
 */
@Component
public class CrashWindows {

    /** The steps that can be held open; AUTO_PORT: an auto-port made after its install committed, not yet uploaded. */
    public enum Step { PACKAGING, INSTALL, AUTO_PORT }

    private static final Logger log = LoggerFactory.getLogger(CrashWindows.class);

    private final Set<String> steps;
    private final Duration pause;

    CrashWindows(Settings settings) {
        this.steps = Set.copyOf(settings.pauseBeforeCommit().stream().map(s -> s.strip().toUpperCase(java.util.Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList());
        this.pause = settings.pause();
        for (var step : steps) {
            Step.valueOf(step); // a misspelt step would make a crash test wait for nothing
        }
    }

    /** Called inside the step's transaction, right before it commits. */
    public void beforeCommit(Step step, String what) {
        if (!steps.contains(step.name())) {
            return;
        }
        log.warn("crash window open: {} of {} waits {} s before its commit", step, what, pause.toSeconds());
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Crash tests only.
     *
     * @param pauseBeforeCommit steps ({@code packaging}, {@code install}, {@code auto_port}) that wait {@code pause} before committing
     * @param pause             how long such a step waits
     */
    @ConfigurationProperties("minibuildd.crash-test")
    public record Settings(@DefaultValue("") List<String> pauseBeforeCommit, @DefaultValue("30s") Duration pause) {
    }
}
