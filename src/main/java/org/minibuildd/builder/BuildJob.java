package org.minibuildd.builder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One build on this instance's builder, as lists show it: {@code state} is the queue's (QUEUED, BUILDING, BUILT —
 * result not yet sent back —, SENT), {@code status} sbuild's verdict once it ended; {@code log} the sbuild log,
 * which grows while the build runs. {@code started} and {@code finished} are null until then.
 */
public record BuildJob(long id, String bkey, String source, String version, String distribution, String architecture,
                       State state, String status, Instant received, Instant started, Instant finished, Path log,
                       String lastError) {

    public enum State { QUEUED, BUILDING, BUILT, SENT;

        /** Whether the build has ended (its result may still be on its way back to the packager). */
        public boolean ended() {
            return this == BUILT || this == SENT;
        }
    }

    /** How long it ran, or runs until now. */
    public Optional<Duration> duration(Instant now) {
        if (started == null) {
            return Optional.empty();
        }
        var end = state.ended() && finished != null ? finished : now;
        return Optional.of(Duration.between(started, end.isBefore(started) ? started : end));
    }
}
