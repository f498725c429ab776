package org.minibuildd.config;

import java.util.List;

/**
 * Everything a repository on disk is made from: its layout's suites and its distributions.
 *
 * @param origin  the archive origin apt sees ({@code Mini-Buildd archive <identity> on <host>}, or the Daemon's
 *                custom origin)
 * @param sources the base and extra sources of its distributions: they must be active for it to be
 */
public record RepositoryConfig(String identity, Layout layout, List<Distribution> distributions, String origin,
                               boolean allowUnauthenticatedUploads, List<SourceRef> sources) {

    /**
     * One distribution of the repository.
     *
     * @param components    in Debian's order (main, contrib, non-free, non-free-firmware, others sorted)
     * @param architectures in the distribution's order, without "source"
     * @param archAll       the architecture that builds arch-all packages
     * @param base          where its base source comes from
     * @param extras        its extra sources (security, backports), with their apt pin priorities
     */
    public record Distribution(String codename, List<String> components, List<String> architectures, String archAll,
                               List<String> mandatoryArchitectures, AptSource base, List<AptSource> extras) { }

    /**
     * A source as apt reaches it: the first archive that carried its Release, its codename, and the components the
     * distribution uses of it.
     */
    public record AptSource(String archive, String codename, List<String> components, int priority) {

        /** {@code deb [] <archive> <codename> <components>}, mini-buildd's apt line form. */
        public String aptLine(String type) {
            return type + " [] " + archive + " " + codename + " " + String.join(" ", components);
        }
    }

    /** mini-buildd's distribution string: {@code <codename>-<repository>-<suite>}. */
    public String diststr(String codename, String suite) {
        return codename + "-" + identity + "-" + suite;
    }

    /** A rollback distribution: {@code <codename>-<repository>-<suite>-rollback<n>}. */
    public String diststr(String codename, String suite, int rollback) {
        return diststr(codename, suite) + "-rollback" + rollback;
    }

    public java.util.Optional<Distribution> distribution(String codename) {
        return distributions.stream().filter(d -> d.codename().equals(codename)).findFirst();
    }
}
