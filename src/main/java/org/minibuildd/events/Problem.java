package org.minibuildd.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 7807 problem, the one shape mini-buildd gives every refusal: API answers ({@code application/problem+json}),
 * the event stream's refusals and the {@code error} of a REJECTED or FAILED event. Its JSON object has the
 * reference's key order ({@code type}, {@code status}, {@code title}, {@code detail}, {@code instance}); events
 * carry no {@code instance}.
 *
 * @param instance the URI of the occurrence, or {@code null} for none (an event's problem)
 */
public record Problem(String type, int status, String title, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String ABOUT_BLANK = "about:blank";

    /** A refused request as the reference answers it: type and instance {@code about:blank}. */
    public static Problem of(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, status, title, detail, ABOUT_BLANK);
    }

    /** Why an upload was rejected or failed, as an event's {@code error}: a 400 without instance. */
    public static Problem ofUpload(String detail) {
        return ofEvent(400, "Bad Request", detail);
    }

    /** An event's {@code error}: no instance. */
    public static Problem ofEvent(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, status, title, detail, null);
    }

    /** The same problem, occurring at {@code instance}. */
    public Problem at(String instance) {
        return new Problem(type, status, title, detail, instance);
    }

    /** The JSON object, for a JSON writer or an event's extra. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("type", type);
        json.put("status", status);
        json.put("title", title);
        json.put("detail", detail);
        if (instance != null) {
            json.put("instance", instance);
        }
        return json;
    }
}
