package org.minibuildd.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event, shaped as mini-buildd's JSON: {@code type, distribution, source, version, timestamp, extra}. The
 * extra keys follow the reference ({@code key}, {@code bkey}, {@code changes}, {@code architecture},
 * {@code buildrequests}, {@code buildresults}, {@code error} for REJECTED and FAILED, …).
 */
public record Event(long id, EventType type, String distribution, String source, String version, Instant timestamp,
                    Map<String, Object> extra) {

    /** ISO 8601 with microseconds and {@code +00:00}, as Python's isoformat() writes it in the reference. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    public Event {
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The plain-words reason of a REJECTED or FAILED event ({@code extra.error.detail}), or empty. */
    public String reason() {
        if (extra.get("error") instanceof Map<?, ?> error && error.get("detail") != null) {
            return error.get("detail").toString();
        }
        return "";
    }

    /** The JSON object mini-buildd writes for this event. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("type", type.name());
        json.put("distribution", distribution);
        json.put("source", source);
        json.put("version", version);
        json.put("timestamp", TIMESTAMP.format(timestamp));
        json.put("extra", extra);
        return json;
    }

    @Override
    public String toString() {
        var reason = reason();
        return type + "(" + distribution + "): " + source + "-" + version + " (" + extra.getOrDefault("architecture", "") + ")"
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
