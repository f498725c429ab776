package org.minibuildd.packager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One port handed to incoming: where its .dsc came from, and the source, distribution and version of the upload
 * made from it (whose own events tell how it goes on).
 */
public record PortResult(String dscUrl, String source, String distribution, String version) {

    /** mini-buildd's result shape: {@code {dsc_url, source, distribution, version}}. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("dsc_url", dscUrl);
        json.put("source", source);
        json.put("distribution", distribution);
        json.put("version", version);
        return json;
    }
}
