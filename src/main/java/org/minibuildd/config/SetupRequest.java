package org.minibuildd.config;

import java.util.List;

/**
 * What the {@code setup} call was asked to set up, in mini-buildd's argument forms:
 * origins as {@code <origin>[:lts|all]} (empty: this host's), distributions and chroots as
 * {@code <codename>:<arch>[+<arch>…]} ({@code native} for this host's architecture), repositories as
 * {@code <id>:<layout>:<codename>[+<codename>…]}.
 */
public record SetupRequest(List<String> fromOrigins, List<String> archives, boolean archivesFromOrigins,
                           boolean archivesFromAptSources, List<String> sources, boolean sourcesFromOrigins,
                           List<String> distributions, boolean distributionsFromSources, List<String> repositories,
                           List<String> chroots, boolean chrootsFromSources, String chrootsBackend) {

    /** The common case: these archives, sources, distributions, repositories and chroots, nothing derived. */
    public static SetupRequest of(List<String> archives, List<String> sources, List<String> distributions,
                                  List<String> repositories, List<String> chroots) {
        return new SetupRequest(List.of(), archives, false, false, sources, false, distributions, false,
                repositories, chroots, false, "Dir");
    }
}
