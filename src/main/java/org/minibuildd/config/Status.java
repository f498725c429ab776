package org.minibuildd.config;

/** Where an object with data on the system stands. Ordered: each state includes the ones before it. */
public enum Status {
    /** Nothing of it exists on the system. */
    REMOVED,
    /** Its data exists (a repository on disk, a chroot, a fetched Release) but it is not in use. */
    PREPARED,
    /** In use. */
    ACTIVE;

    public boolean atLeast(Status other) {
        return compareTo(other) >= 0;
    }
}
