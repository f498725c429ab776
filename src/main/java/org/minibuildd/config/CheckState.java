package org.minibuildd.config;

import java.time.Instant;

/**
 * The result of the last check of a prepared object. Ordered as mini-buildd orders them: any successful check
 * ranks above every other state.
 */
public sealed interface CheckState {

    /** A one character mark and a sentence for lists and tooltips. */
    String mark();

    String describe();

    int rank();

    record Unchecked() implements CheckState {
        public String mark() { return "-"; }
        public String describe() { return "Unchecked: run check"; }
        public int rank() { return 0; }
    }

    record Changed() implements CheckState {
        public String mark() { return "*"; }
        public String describe() { return "Changed: prepare again"; }
        public int rank() { return 1; }
    }

    record Failed() implements CheckState {
        public String mark() { return "x"; }
        public String describe() { return "Check failed: fix it and check again"; }
        public int rank() { return 2; }
    }

    /** It was active when a check failed: it comes back by itself when a check succeeds again. */
    record FailedWillReactivate() implements CheckState {
        public String mark() { return "A"; }
        public String describe() { return "Check failed while active: reactivates when a check succeeds again"; }
        public int rank() { return 3; }
    }

    record Checked(Instant at) implements CheckState {
        public String mark() { return "C"; }
        public String describe() { return "Checked at " + at; }
        public int rank() { return 4; }
    }

    CheckState UNCHECKED = new Unchecked();
    CheckState CHANGED = new Changed();
    CheckState FAILED = new Failed();
    CheckState FAILED_WILL_REACTIVATE = new FailedWillReactivate();

    default boolean isChecked() {
        return this instanceof Checked;
    }

    /** The database form: unchecked, changed, failed, reactivate or checked (the time is stored beside it). */
    default String code() {
        return switch (this) {
            case Unchecked u -> "unchecked";
            case Changed c -> "changed";
            case Failed f -> "failed";
            case FailedWillReactivate r -> "reactivate";
            case Checked c -> "checked";
        };
    }

    static CheckState of(String code, Instant checkedAt) {
        return switch (code) {
            case "unchecked" -> UNCHECKED;
            case "changed" -> CHANGED;
            case "failed" -> FAILED;
            case "reactivate" -> FAILED_WILL_REACTIVATE;
            case "checked" -> new Checked(checkedAt);
            default -> throw new IllegalArgumentException("unknown check state \"" + code + "\"");
        };
    }
}
