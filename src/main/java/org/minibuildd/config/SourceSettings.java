package org.minibuildd.config;

import java.util.List;

/** A Source's editable options and the AptKeys (by key id) its Release must be signed with. */
public record SourceSettings(SourceRef source, String codeversionOverride, boolean checkValidUntil,
                             String removeFromComponent, List<String> aptKeyIds) {

    public SourceSettings {
        aptKeyIds = List.copyOf(aptKeyIds);
    }
}
