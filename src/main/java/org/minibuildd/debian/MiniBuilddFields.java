package org.minibuildd.debian;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * mini-buildd's own {@code X-Mini-Buildd-*} fields of build requests and build results, and how its events carry
 * them: {@code X-Mini-Buildd-Upload-To} becomes the event key {@code upload_to}. One place for the naming, so the
 * packager's and the builder's events cannot drift apart.
 */
public final class MiniBuilddFields {

    public static final String PREFIX = "X-Mini-Buildd-";
    public static final String TIMECODE = PREFIX + "Timecode";

    private MiniBuilddFields() {
    }

    /** {@code X-Mini-Buildd-Upload-To} → {@code upload_to}. */
    public static String eventKey(String field) {
        if (!field.startsWith(PREFIX)) {
            throw new IllegalArgumentException(field + " is not one of mini-buildd's fields");
        }
        return field.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * What every event of one upload starts its extra with: timecode, key ({@code <source>/<version>/<timecode>}),
     * bkey (the key and the architecture, {@code source} for the upload itself), the changes path below the key and
     * the architecture.
     */
    public static Map<String, Object> eventBase(String source, String version, String timecode, String architecture,
                                                String changesName) {
        var key = source + "/" + version + "/" + timecode;
        var extra = new LinkedHashMap<String, Object>();
        extra.put("timecode", timecode);
        extra.put("key", key);
        extra.put("bkey", key + "/" + architecture);
        extra.put("changes", key + "/" + architecture + "/" + changesName);
        extra.put("architecture", architecture);
        return extra;
    }

    /** Adds mini-buildd's fields of a request or result to an event's extra, but the timecode (the base has it). */
    public static void addTo(Map<String, Object> extra, Paragraph fields) {
        for (var field : fields.fields()) {
            if (field.name().startsWith(PREFIX) && !field.name().equals(TIMECODE)) {
                extra.put(eventKey(field.name()), field.value().strip());
            }
        }
    }
}
