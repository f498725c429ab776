package org.minibuildd.events;

import java.util.List;
import java.util.Map;

import org.minibuildd.events.internal.EventStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records events and reads them back. {@link #log} joins the caller's transaction, so an event is stored exactly
 * when the state change it tells of commits.
 */
@Service
public class Events {

    private final EventStore store;

    Events(EventStore store) {
        this.store = store;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public Event log(EventType type, String distribution, String source, String version, Map<String, Object> extra) {
        return store.insert(type, distribution, source, version, extra);
    }

    /** The newest events first, at most {@code limit}. */
    public List<Event> recent(int limit) {
        return store.recent(limit);
    }

    /** A page of the events {@code query} selects, newest first (lazy lists). */
    public List<Event> find(EventQuery query, int offset, int limit) {
        return store.find(query, offset, limit);
    }

    /** How many events {@code query} selects. */
    public int count(EventQuery query) {
        return store.count(query);
    }

    /** Known source names (those with events) starting with {@code prefix}, in name order: the search's completion. */
    public List<String> sources(String prefix, int offset, int limit) {
        return store.sources(prefix, offset, limit);
    }

    /** The packages most recently active: the newest event of each, newest first. */
    public List<Event> latestPerSource(int limit) {
        return store.latestPerSource(limit);
    }

    /** Every event of one source package (all versions when {@code version} is null), oldest first. */
    public List<Event> of(String source, String version) {
        return store.of(source, version);
    }
}
