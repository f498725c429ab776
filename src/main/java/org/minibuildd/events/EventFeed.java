package org.minibuildd.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.function.Function;

/**
 * Committed events, handed to followers as mini-buildd's {@code events.attach} does: a follower is one client
 * connection; its first request attaches it (with the events after a given time queued first), and every request
 * then takes the next event of its own queue, waiting until there is one. New events come from the database's
 * NOTIFY, so only committed events reach anybody, in the order of their ids.
 */
public final class EventFeed {

    /** As the reference: a bounded number of followers, so forgotten connections cannot pile up without end. */
    static final int MAX_FOLLOWERS = 100;
    private static final Duration IDLE = Duration.ofHours(1);
    private static final int REMEMBERED_IDS = 10_000;

    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final java.util.Set<java.util.function.Consumer<Event>> listeners = ConcurrentHashMap.newKeySet();
    private final Function<Instant, java.util.List<Event>> past;

    /** @param past the stored events after a time, oldest first */
    public EventFeed(Function<Instant, java.util.List<Event>> past) {
        this.past = past;
    }

    /** Hands a committed event to every follower and listener. */
    public void publish(Event event) {
        followers.values().forEach(f -> f.offer(event));
        for (var listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // A listener's trouble (a closed browser tab) is its own; the others still hear of the event.
                org.slf4j.LoggerFactory.getLogger(EventFeed.class).debug("event listener failed: {}", e.toString());
            }
        }
    }

    /**
     * Calls {@code listener} with every event committed from now on (live views); close the returned handle to
     * stop. The listener runs on the feed's thread: it must hand the work over, not do it.
     */
    public AutoCloseable listen(java.util.function.Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The next event for the follower {@code connection}, attaching it on its first request (then with the events
     * after {@code after}, if given); empty when none came within {@code wait}.
     *
     * @throws TooManyFollowers when a new follower would exceed {@link #MAX_FOLLOWERS}
     */
    public Optional<Event> next(String connection, Instant after, Duration wait) throws InterruptedException {
        var follower = followers.get(connection);
        if (follower == null) {
            forgetIdle();
            if (followers.size() >= MAX_FOLLOWERS) {
                throw new TooManyFollowers();
            }
            follower = new Follower();
            // Attached before the past is read: an event committed in between is offered twice, taken once.
            var existing = followers.putIfAbsent(connection, follower);
            if (existing != null) {
                follower = existing;
            } else if (after != null) {
                past.apply(after).forEach(follower::offer);
            }
        }
        follower.seen = Instant.now();
        var event = follower.queue.poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        follower.seen = Instant.now();
        return Optional.ofNullable(event);
    }

    /** How many followers are attached. */
    public int followers() {
        return followers.size();
    }

    private void forgetIdle() {
        var limit = Instant.now().minus(IDLE);
        followers.values().removeIf(f -> f.seen.isBefore(limit) && f.queue.isEmpty());
    }

    /** There are {@link #MAX_FOLLOWERS} already. */
    public static final class TooManyFollowers extends RuntimeException {
        TooManyFollowers() {
            super("at most " + MAX_FOLLOWERS + " clients may follow events at once");
        }
    }

    private static final class Follower {
        private final PriorityBlockingQueue<Event> queue = new PriorityBlockingQueue<>(16,
                java.util.Comparator.comparingLong(Event::id));
        private final SequencedSet<Long> offered = new LinkedHashSet<>();
        private volatile Instant seen = Instant.now();

        synchronized void offer(Event event) {
            if (!offered.add(event.id())) {
                return;
            }
            if (offered.size() > REMEMBERED_IDS) {
                offered.removeFirst();
            }
            queue.add(event);
        }
    }
}
