package org.minibuildd.events;

/** mini-buildd's event types, with what each one means. */
public enum EventType {
    REJECTED("a user upload was refused"),
    BUILDING("a build on one of our chroots has started"),
    BUILT("a build on one of our chroots has ended (successful or not: see its status)"),
    /** Not one of mini-buildd's: our builder's fault is never reported as the package's failure (see README, Builders). */
    DEFERRED("a build could not start because the builder's chroot is broken: it waits until the chroot works again"),
    PACKAGING("packaging into one of our repositories has started"),
    INSTALLED("packaging into one of our repositories succeeded"),
    FAILED("packaging into one of our repositories failed"),
    MIGRATED("a package was migrated to another suite"),
    REMOVED("a package was removed");

    private final String meaning;

    EventType(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
