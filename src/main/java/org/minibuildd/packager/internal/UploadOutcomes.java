package org.minibuildd.packager.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.minibuildd.events.Event;
import org.minibuildd.events.EventFeed;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.springframework.stereotype.Component;

/**
 * Waits for the packager's verdict on uploads the daemon made itself (keyring and test packages): their
 * INSTALLED, FAILED or REJECTED event. Watch first, upload then, so no event slips by in between.
 */
@Component
public class UploadOutcomes {

    private static final Set<EventType> FINAL = Set.of(EventType.INSTALLED, EventType.FAILED, EventType.REJECTED);

    /** An upload waited for: its distribution, source and version, as the port made it. */
    public record Upload(String distribution, String source, String version) {

        boolean matches(Event event) {
            // A REJECTED before classification names no distribution: source and version say enough then.
            return FINAL.contains(event.type()) && source.equals(event.source()) && version.equals(event.version())
                    && (event.distribution() == null || event.distribution().isEmpty() || distribution.equals(event.distribution()));
        }
    }

    private final EventFeed feed;
    private final Events events;

    UploadOutcomes(EventFeed feed, Events events) {
        this.feed = feed;
        this.events = events;
    }

    /** Starts collecting committed events; close it when done. */
    public Watch watch() {
        return new Watch();
    }

    public final class Watch implements AutoCloseable {

        private final LinkedBlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        private final AutoCloseable listening = feed.listen(seen::add);

        /**
         * The final event of each upload, in the uploads' order; an upload without one within {@code limit} is
         * missing from the map.
         */
        public Map<Upload, Event> await(List<Upload> uploads, Duration limit) throws InterruptedException {
            var outcomes = new LinkedHashMap<Upload, Event>();
            // Events stored before the watch began (a retried call) count too.
            for (var upload : uploads) {
                events.of(upload.source(), upload.version()).stream().filter(upload::matches).reduce((a, b) -> b)
                        .ifPresent(e -> outcomes.put(upload, e));
            }
            var deadline = Instant.now().plus(limit);
            while (outcomes.size() < uploads.size()) {
                var left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                var event = seen.poll(left.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    break;
                }
                for (var upload : new ArrayList<>(uploads)) {
                    if (!outcomes.containsKey(upload) && upload.matches(event)) {
                        outcomes.put(upload, event);
                    }
                }
            }
            var ordered = new LinkedHashMap<Upload, Event>();
            uploads.stream().filter(outcomes::containsKey).forEach(u -> ordered.put(u, outcomes.get(u)));
            return ordered;
        }

        @Override
        public void close() {
            try {
                listening.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop listening to events", e);
            }
        }
    }
}
