package org.minibuildd.packager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One keyring or test package the daemon made and uploaded to a distribution, with what became of it.
 *
 * @param port  the port that uploaded it
 * @param event the type of its final event (INSTALLED, FAILED, REJECTED); {@code null} when not waited for or
 *              not come within the wait
 * @param note  what else happened to it, e.g. that its migration failed; {@code null} for nothing
 */
public record ArchivePackageUpload(PortResult port, String event, String note) {

    /** mini-buildd's shape: the port's {@code {dsc_url, source, distribution, version}}, then {@code event}. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<>(port.toJson());
        if (event != null) {
            json.put("event", event);
        }
        if (note != null) {
            json.put("note", note);
        }
        return json;
    }
}
