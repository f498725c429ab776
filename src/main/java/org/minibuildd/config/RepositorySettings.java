package org.minibuildd.config;

import java.util.List;

/** A Repository's editable options and the distributions (by base source) it holds. */
public record RepositorySettings(String identity, String layout, List<SourceRef> distributions,
                                 boolean allowUnauthenticatedUploads, String extraUploaderKeyrings,
                                 String notifyAddresses, boolean notifyChangedBy, boolean notifyMaintainer,
                                 boolean repreproMorguedir, String externalHomeUrl) {

    public RepositorySettings {
        distributions = List.copyOf(distributions);
    }
}
