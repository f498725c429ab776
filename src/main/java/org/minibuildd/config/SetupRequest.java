package org.minibuildd.config;

import java.util.List;

/**
 * What the {@code setup} call was asked, in mini-buildd's argument forms.
 *
 * @param update      which objects to create or update: {@code all}, none (empty: only inspect) or a comma list of
 *                    the identity hashes a previous run reported
 * @param pca         which objects to prepare, check and activate, in the same form
 * @param identity    the instance identity the setup is for (empty: this instance's)
 * @param ftpEndpoint the incoming FTP endpoint, {@code tcp:host=…:port=…} or {@code host:port} (empty: this
 *                    instance's)
 * @param fromOrigins origins as {@code <origin>[:lts|all]} (empty: this host's)
 * @param distributions and chroots as {@code <codename>:<arch>[+<arch>…]} ({@code native} for this host's
 *                    architecture)
 * @param repositories as {@code <id>:<layout>:<codename>[+<codename>…]}
 * @param repositoriesFromDistributions as {@code <id>[:<layout>]}: the repository gets every distribution set up
 * @param remotes     HTTP endpoints of other instances, {@code host:port}, {@code http://host:port/} or
 *                    {@code tcp:host=…:port=…}
 */
public record SetupRequest(String update, String pca, String identity, String ftpEndpoint, List<String> fromOrigins,
                           List<String> archives, boolean archivesFromOrigins, boolean archivesFromAptSources,
                           boolean archivesFromProxy, List<String> sources, boolean sourcesFromOrigins,
                           List<String> distributions, boolean distributionsFromSources, List<String> repositories,
                           List<String> repositoriesFromDistributions, List<String> chroots, boolean chrootsFromSources,
                           String chrootsBackend, List<String> remotes) {

    /** Everything given is created or updated and put into use: {@code update=all pca=all}. */
    public static Builder all() {
        return new Builder().update("all").pca("all");
    }

    /** Only inspect: nothing is changed, the report says how the instance differs. */
    public static Builder inspect() {
        return new Builder();
    }

    /** Builds a request argument by argument; unset arguments have the call's defaults. */
    public static final class Builder {
        private String update = "";
        private String pca = "";
        private String identity = "";
        private String ftpEndpoint = "";
        private List<String> fromOrigins = List.of();
        private List<String> archives = List.of();
        private boolean archivesFromOrigins;
        private boolean archivesFromAptSources;
        private boolean archivesFromProxy;
        private List<String> sources = List.of();
        private boolean sourcesFromOrigins;
        private List<String> distributions = List.of();
        private boolean distributionsFromSources;
        private List<String> repositories = List.of();
        private List<String> repositoriesFromDistributions = List.of();
        private List<String> chroots = List.of();
        private boolean chrootsFromSources;
        private String chrootsBackend = "Dir";
        private List<String> remotes = List.of();

        public Builder update(String value) { update = value; return this; }
        public Builder pca(String value) { pca = value; return this; }
        public Builder identity(String value) { identity = value; return this; }
        public Builder ftpEndpoint(String value) { ftpEndpoint = value; return this; }
        public Builder fromOrigins(List<String> value) { fromOrigins = value; return this; }
        public Builder archives(List<String> value) { archives = value; return this; }
        public Builder archivesFromOrigins(boolean value) { archivesFromOrigins = value; return this; }
        public Builder archivesFromAptSources(boolean value) { archivesFromAptSources = value; return this; }
        public Builder archivesFromProxy(boolean value) { archivesFromProxy = value; return this; }
        public Builder sources(List<String> value) { sources = value; return this; }
        public Builder sourcesFromOrigins(boolean value) { sourcesFromOrigins = value; return this; }
        public Builder distributions(List<String> value) { distributions = value; return this; }
        public Builder distributionsFromSources(boolean value) { distributionsFromSources = value; return this; }
        public Builder repositories(List<String> value) { repositories = value; return this; }
        public Builder repositoriesFromDistributions(List<String> value) { repositoriesFromDistributions = value; return this; }
        public Builder chroots(List<String> value) { chroots = value; return this; }
        public Builder chrootsFromSources(boolean value) { chrootsFromSources = value; return this; }
        public Builder chrootsBackend(String value) { chrootsBackend = value; return this; }
        public Builder remotes(List<String> value) { remotes = value; return this; }

        public SetupRequest build() {
            return new SetupRequest(update, pca, identity, ftpEndpoint, fromOrigins, archives, archivesFromOrigins,
                    archivesFromAptSources, archivesFromProxy, sources, sourcesFromOrigins, distributions,
                    distributionsFromSources, repositories, repositoriesFromDistributions, chroots, chrootsFromSources,
                    chrootsBackend, remotes);
        }
    }
}
