package org.minibuildd.events;

import java.time.Instant;
import java.util.Set;

/**
 * Which events a list shows: any of {@code types} (all when empty), a source name starting with {@code source}, a
 * distribution containing {@code distribution}, committed at or after {@code from} and before {@code to}. Blank
 * strings and null times do not filter.
 */
public record EventQuery(Set<EventType> types, String source, String distribution, Instant from, Instant to) {

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        source = source == null ? "" : source.strip();
        distribution = distribution == null ? "" : distribution.strip();
    }

    public static EventQuery all() {
        return new EventQuery(Set.of(), "", "", null, null);
    }

    public EventQuery withSource(String exactOrPrefix) {
        return new EventQuery(types, exactOrPrefix, distribution, from, to);
    }
}
