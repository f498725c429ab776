package org.minibuildd.config.internal;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.SourceRef;

/**
 * Natural keys of status objects as written in {@link ObjectRef}: a Source is {@code <origin>:<codename>}, a
 * Chroot {@code <codename>:<architecture>} (as mini-buildd names its chroots), a Repository its identity, an AptKey
 * its key id, an Uploader its user name, a Remote its URL {@code http://host:port/} (the
 * remote module's one form of an endpoint). The one place that reads them apart.
 */
final class ObjectKeys {

    private ObjectKeys() {
    }

    record ChrootKey(String codename, String architecture) { }

    /** Codenames never hold ':', origins may: split at the last one. */
    static SourceRef source(ObjectRef object) {
        var key = object.key();
        int colon = key.lastIndexOf(':');
        return new SourceRef(key.substring(0, colon), key.substring(colon + 1));
    }

    static ChrootKey chroot(ObjectRef object) {
        var key = object.key();
        int colon = key.indexOf(':');
        return new ChrootKey(key.substring(0, colon), key.substring(colon + 1));
    }
}
