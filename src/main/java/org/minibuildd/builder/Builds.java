package org.minibuildd.builder;

import java.util.Set;

import org.minibuildd.builder.internal.BuildControl;
import org.springframework.stereotype.Service;

/** The builds running on this instance, and cancelling one. */
@Service
public class Builds {

    private final BuildControl control;

    Builds(BuildControl control) {
        this.control = control;
    }

    /** Build keys ({@code <source>/<version>/<timecode>/<arch>}) of the builds running now. */
    public Set<String> running() {
        return control.running();
    }

    /**
     * Running builds per build slot (the Daemon's {@code max_parallel_builds}), as {@code status} reports it and
     * packagers compare builders by; negative when this instance does not build at all.
     */
    public double load() {
        return control.load();
    }

    /**
     * Cancels a running build: sbuild's process group is killed and its session ended; the result (status
     * {@code cancelled}) goes back to the packager, which fails the upload. False when no such build runs.
     */
    public boolean cancel(String bkey) {
        return control.cancel(bkey);
    }
}
