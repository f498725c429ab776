package org.minibuildd.daemon;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the daemon's finished database writes, so that answers read often and changed rarely (the active chroots
 * and Remotes that {@code status} reports, the build slots) are read from the database once per change instead
 * of once per request. The daemon is the only writer of its database; every jOOQ write statement counts, after its
 * transaction ends (so a cached answer is never older than the last commit).
 */
public final class DatabaseWrites {

    private final AtomicLong generation = new AtomicLong();

    /** Called once a write statement's transaction has ended (or at once outside a transaction). */
    public void written() {
        generation.incrementAndGet();
    }

    public long generation() {
        return generation.get();
    }

    /** A supplier that loads again only after a database write since its last load. */
    public <T> Supplier<T> cached(Supplier<T> load) {
        return new Cached<>(this, load);
    }

    private static final class Cached<T> implements Supplier<T> {
        private record Value<T>(long generation, T value) { }

        private final DatabaseWrites writes;
        private final Supplier<T> load;
        private volatile Value<T> last;

        Cached(DatabaseWrites writes, Supplier<T> load) {
            this.writes = writes;
            this.load = load;
        }

        @Override
        public T get() {
            var value = last;
            // The generation is read before the load: a write committed while loading makes the next get load again.
            long now = writes.generation();
            if (value == null || value.generation() != now) {
                value = new Value<>(now, load.get());
                last = value;
            }
            return value.value();
        }
    }
}
