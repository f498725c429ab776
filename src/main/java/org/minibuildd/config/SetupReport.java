package org.minibuildd.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code setup} found and did, object by object, in the order it went through them.
 *
 * @param setup     the setup the arguments came to (archives, sources, distributions, … after expanding the
 *                  {@code *_from_*} options), as mini-buildd shows it
 * @param instances every object the setup implies
 */
public record SetupReport(Map<String, Object> setup, List<Instance> instances) {

    /** Where an object stands after the run; the severity says how much it needs the administrator. */
    public enum InstanceStatus {
        /** The setup implies it, but it is not there (not asked to update, or left out: see the note). */
        MISSING(2),
        /** There; an object without a lifecycle. */
        EXISTS(0),
        ACTIVE(0),
        /** Edited since its last check: not in use until prepared again. */
        CHANGED(2),
        /** Its last check failed. */
        FAILED(3),
        /** Not in use, presumably deactivated on purpose. */
        DEACTIVATED(1);

        private final int severity;

        InstanceStatus(int severity) {
            this.severity = severity;
        }

        public int severity() {
            return severity;
        }

        public static InstanceStatus of(StatusState state) {
            if (state.isActive()) {
                return ACTIVE;
            }
            return switch (state.check()) {
                case CheckState.Changed c -> CHANGED;
                case CheckState.Failed f -> FAILED;
                case CheckState.FailedWillReactivate f -> FAILED;
                default -> DEACTIVATED;
            };
        }
    }

    /**
     * One object.
     *
     * @param hash    names it across runs: {@code update} and {@code pca} take a list of these to act on some only
     * @param actions what this run did to it: created, updated, pca, pca(failed)
     * @param detail  its lifecycle state in words ("Active, Checked at …"), empty for objects without one
     * @param note    why it is missing or failed, what is still pending
     */
    public record Instance(String type, String name, String hash, List<String> actions, InstanceStatus status,
                           String detail, String note) { }

    /** A line of the summary: how many objects are in a status, and how much that matters. */
    public record Count(String label, int severity, long quantity) { }

    public List<Count> summary() {
        var counts = new java.util.ArrayList<Count>();
        counts.add(new Count("Total instances traversed", 0, instances.size()));
        Arrays.stream(InstanceStatus.values()).filter(s -> s.severity() > 0).forEach(status -> {
            long quantity = instances.stream().filter(i -> i.status() == status).count();
            var label = status.name().charAt(0) + status.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " instances";
            counts.add(new Count(label, quantity == 0 ? 0 : status.severity(), quantity));
        });
        return counts;
    }

    /** 0: no issues, 1: notable, 2: warnings, 3: errors. */
    public int severity() {
        return summary().stream().mapToInt(Count::severity).max().orElse(0);
    }
}
