package org.minibuildd.config;

/** The configuration objects that have data on the system, and so a status lifecycle. */
public enum ObjectType {
    DAEMON("Daemon"),
    APT_KEY("AptKey"),
    UPLOADER("Uploader"),
    REMOTE("Remote"),
    SOURCE("Source"),
    REPOSITORY("Repository"),
    CHROOT("Chroot");

    private final String label;

    ObjectType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
