package org.minibuildd.config;

/** A Source by origin and codename, e.g. Debian bookworm. */
public record SourceRef(String origin, String codename) {

    public ObjectRef object() {
        return new ObjectRef(ObjectType.SOURCE, origin + ":" + codename);
    }

    @Override
    public String toString() {
        return origin + " " + codename;
    }
}
