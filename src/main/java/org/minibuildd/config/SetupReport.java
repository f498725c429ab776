package org.minibuildd.config;

import java.util.List;

/**
 * What {@code setup} did, object by object, in the order it did it.
 *
 * @param objects every object it touched: type, name, whether it was created or existed, its status after, and a
 *                note (why a source was left out, that a chroot is pending, …)
 */
public record SetupReport(List<Entry> objects) {

    public record Entry(String type, String name, String action, String status, String note) { }
}
