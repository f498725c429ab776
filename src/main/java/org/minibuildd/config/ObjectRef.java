package org.minibuildd.config;

/** Names one configuration object by type and natural key, e.g. Source "Debian:bookworm". */
public record ObjectRef(ObjectType type, String key) {

    @Override
    public String toString() {
        return type.label() + " \"" + key + "\"";
    }
}
