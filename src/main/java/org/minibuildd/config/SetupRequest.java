package org.minibuildd.config;

import java.util.List;

/**
 * What the {@code setup} call was asked to set up, in mini-buildd's argument forms:
 * distributions and chroots as {@code <codename>:<arch>[+<arch>…]} ({@code native} for this host's
 * architecture), repositories as {@code <id>:<layout>:<codename>[+<codename>…]}.
 */
public record SetupRequest(List<String> archives, boolean archivesFromAptSources, List<String> sources,
                           List<String> distributions, boolean distributionsFromSources, List<String> repositories,
                           List<String> chroots, boolean chrootsFromSources, String chrootsBackend) {
}
