package org.minibuildd.config;

/** An object's status with the state of its last check. */
public record StatusState(Status status, CheckState check) {

    public static final StatusState REMOVED = new StatusState(Status.REMOVED, CheckState.UNCHECKED);

    public boolean isPrepared() {
        return status.atLeast(Status.PREPARED);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public boolean isChanged() {
        return check instanceof CheckState.Changed;
    }

    /** One line for lists: "Active, checked at …". */
    public String describe() {
        var name = status.name().charAt(0) + status.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        return status == Status.REMOVED ? name : name + ", " + check.describe();
    }
}
