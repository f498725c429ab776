package org.minibuildd.debian;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How mini-buildd's events carry build requests and results: {@code X-Mini-Buildd-Upload-To} becomes the event key
 * {@code upload_to}. One place for the naming, so the packager's and the builder's events cannot drift apart.
 */
public final class MiniBuilddFields {

    private MiniBuilddFields() {
    }

    /** {@code X-Mini-Buildd-Upload-To} → {@code upload_to}. */
    public static String eventKey(String field) {
        // Any field of ours, also one a newer peer sends that we do not know.
        if (!field.startsWith(MiniBuilddField.PREFIX)) {
            throw new IllegalArgumentException(field + " is not one of mini-buildd's fields");
        }
        return field.substring(MiniBuilddField.PREFIX.length()).toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * What every event of one upload starts its extra with: timecode, key ({@code <source>/<version>/<timecode>}),
     * bkey (the key and the architecture, {@code source} for the upload itself), the changes path below the key and
     * the architecture.
     */
    public static Map<String, Object> eventBase(UploadKey key, String architecture, String changesName) {
        var extra = new LinkedHashMap<String, Object>();
        extra.put("timecode", key.timecode());
        extra.put("key", key.toString());
        extra.put("bkey", key.bkey(architecture));
        extra.put("changes", key.bkey(architecture) + "/" + changesName);
        extra.put("architecture", architecture);
        return extra;
    }

    /** Adds mini-buildd's fields of a request or result to an event's extra, but the timecode (the base has it). */
    public static void addTo(Map<String, Object> extra, Paragraph fields) {
        for (var field : fields.fields()) {
            if (field.name().startsWith(MiniBuilddField.PREFIX) && !field.name().equals(MiniBuilddField.TIMECODE.fieldName())) {
                extra.put(eventKey(field.name()), field.value().strip());
            }
        }
    }
}
