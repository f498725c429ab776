package org.minibuildd.config.internal;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;

/**
 * Natural keys of status objects as written in {@link ObjectRef}: a Source is {@code <origin>:<codename>}, a
 * Chroot {@code <codename>:<architecture>} (as mini-buildd names its chroots), a Repository its identity, an AptKey
 * its key id, an Uploader its user name, a Remote its HTTP endpoint.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public record SourceKey(String origin, String codename) { }

    public record ChrootKey(String codename, String architecture) { }

    public static ObjectRef source(String origin, String codename) {
        return new ObjectRef(ObjectType.SOURCE, origin + ":" + codename);
    }

    public static ObjectRef chroot(String codename, String architecture) {
        return new ObjectRef(ObjectType.CHROOT, codename + ":" + architecture);
    }

    static SourceKey source(String key) {
        int colon = key.lastIndexOf(':');
        return new SourceKey(key.substring(0, colon), key.substring(colon + 1));
    }

    static ChrootKey chroot(String key) {
        int colon = key.indexOf(':');
        return new ChrootKey(key.substring(0, colon), key.substring(colon + 1));
    }
}
