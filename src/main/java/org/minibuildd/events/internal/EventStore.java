package org.minibuildd.events.internal;

import static org.minibuildd.db.Tables.EVENT;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code event} table. */
@Repository
public class EventStore {

    private static final TypeReference<Map<String, Object>> EXTRA = new TypeReference<>() { };

    private final DSLContext db;
    private final JsonMapper json;

    EventStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Event insert(EventType type, String distribution, String source, String version, Map<String, Object> extra) {
        var row = db.insertInto(EVENT).set(EVENT.TYPE, type.name()).set(EVENT.DISTRIBUTION, distribution)
                .set(EVENT.SOURCE, source).set(EVENT.VERSION, version)
                .set(EVENT.EXTRA, JSONB.jsonb(json.writeValueAsString(extra)))
                .returning(EVENT.ID, EVENT.CREATED).fetchOne();
        return new Event(row.getId(), type, distribution, source, version, row.getCreated().toInstant(), extra);
    }

    public List<Event> recent(int limit) {
        return db.selectFrom(EVENT).orderBy(EVENT.ID.desc()).limit(limit).fetch(this::event);
    }

    public List<Event> of(String source, String version) {
        var condition = EVENT.SOURCE.eq(source);
        if (version != null) {
            condition = condition.and(EVENT.VERSION.eq(version));
        }
        return db.selectFrom(EVENT).where(condition).orderBy(EVENT.ID).fetch(this::event);
    }

    public java.util.Optional<Event> byId(long id) {
        return db.selectFrom(EVENT).where(EVENT.ID.eq(id)).fetchOptional(this::event);
    }

    /** Events written after {@code after}, oldest first. */
    /** A page of the events {@code query} selects, newest first. */
    public List<Event> find(org.minibuildd.events.EventQuery query, int offset, int limit) {
        return db.selectFrom(EVENT).where(condition(query)).orderBy(EVENT.ID.desc()).offset(offset).limit(limit)
                .fetch(this::event);
    }

    public int count(org.minibuildd.events.EventQuery query) {
        return db.fetchCount(EVENT, condition(query));
    }

    /** Source names starting with {@code prefix} that have events, in name order. */
    public List<String> sources(String prefix, int offset, int limit) {
        return db.selectDistinct(EVENT.SOURCE).from(EVENT).where(EVENT.SOURCE.startsWith(prefix))
                .orderBy(EVENT.SOURCE).offset(offset).limit(limit).fetch(EVENT.SOURCE);
    }

    /** The sources with the newest events: each source once, by its newest event, newest first. */
    public List<Event> latestPerSource(int limit) {
        var newest = db.select(org.jooq.impl.DSL.max(EVENT.ID)).from(EVENT).groupBy(EVENT.SOURCE)
                .orderBy(org.jooq.impl.DSL.max(EVENT.ID).desc()).limit(limit);
        return db.selectFrom(EVENT).where(EVENT.ID.in(newest)).orderBy(EVENT.ID.desc()).fetch(this::event);
    }

    private static org.jooq.Condition condition(org.minibuildd.events.EventQuery query) {
        var condition = org.jooq.impl.DSL.noCondition();
        if (!query.types().isEmpty()) {
            condition = condition.and(EVENT.TYPE.in(query.types().stream().map(Enum::name).toList()));
        }
        if (!query.source().isEmpty()) {
            condition = condition.and(EVENT.SOURCE.startsWith(query.source()));
        }
        if (!query.distribution().isEmpty()) {
            condition = condition.and(EVENT.DISTRIBUTION.contains(query.distribution()));
        }
        if (query.from() != null) {
            condition = condition.and(EVENT.CREATED.ge(query.from().atOffset(java.time.ZoneOffset.UTC)));
        }
        if (query.to() != null) {
            condition = condition.and(EVENT.CREATED.lt(query.to().atOffset(java.time.ZoneOffset.UTC)));
        }
        return condition;
    }

    public List<Event> after(Instant after) {
        return db.selectFrom(EVENT).where(EVENT.CREATED.gt(after.atOffset(java.time.ZoneOffset.UTC))).orderBy(EVENT.ID)
                .fetch(this::event);
    }

    private Event event(Record record) {
        var r = record.into(EVENT);
        Instant created = r.getCreated().toInstant();
        return new Event(r.getId(), EventType.valueOf(r.getType()), r.getDistribution(), r.getSource(), r.getVersion(),
                created, json.readValue(r.getExtra().data(), EXTRA));
    }
}
