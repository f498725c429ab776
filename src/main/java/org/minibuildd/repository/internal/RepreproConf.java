package org.minibuildd.repository.internal;

import java.util.ArrayList;
import java.util.List;

import org.minibuildd.config.RepositoryConfig;

/**
 * reprepro's {@code conf/distributions} and {@code conf/options} for a repository, as mini-buildd writes them: one
 * distribution per codename and suite, followed by its rollbacks. reprepro signs what it exports: it writes
 * Release, InRelease and Release.gpg beside the new indices and renames them all into place together, so apt never
 * reads a Release whose signature is missing or of the one before. {@code SignWith} names the instance key by its
 * fingerprint (mini-buildd writes {@code default}, which would be whatever key the GnuPG home has first).
 */
public final class RepreproConf {

    private RepreproConf() {
    }

    public static String distributions(RepositoryConfig repository, String signWith) {
        var text = new StringBuilder();
        for (var distribution : repository.distributions()) {
            for (var suite : repository.layout().suites()) {
                var diststr = repository.diststr(distribution.codename(), suite.suite());
                append(text, repository, distribution, diststr, metaDistributions(repository, diststr), signWith,
                        suite.notAutomatic(), suite.butAutomaticUpgrades());
                for (int rollback = 0; rollback < suite.rollback(); rollback++) {
                    // Rollbacks are never picked by apt on its own: NotAutomatic without ButAutomaticUpgrades.
                    append(text, repository, distribution, repository.diststr(distribution.codename(), suite.suite(), rollback),
                            List.of(), signWith, true, false);
                }
            }
        }
        return text.toString();
    }

    /** Every distribution string of the repository, rollbacks included, in conf/distributions order. */
    public static List<String> diststrs(RepositoryConfig repository) {
        var all = new ArrayList<String>();
        for (var distribution : repository.distributions()) {
            for (var suite : repository.layout().suites()) {
                all.add(repository.diststr(distribution.codename(), suite.suite()));
                for (int rollback = 0; rollback < suite.rollback(); rollback++) {
                    all.add(repository.diststr(distribution.codename(), suite.suite(), rollback));
                }
            }
        }
        return all;
    }

    /** The configuration as it was written before reprepro signed: the same but for the {@code SignWith} lines. */
    static String withoutSignWith(String distributions) {
        return distributions.replaceAll("(?m)^SignWith: .*\n", "");
    }

    /** Points reprepro at the GnuPG home that holds the instance key. */
    public static String options(java.nio.file.Path gnupghome) {
        return "gnupghome " + gnupghome.toAbsolutePath() + "\n";
    }

    /** Layout meta distributions ({@code unstable} → {@code <codename>-unstable}) that stand for this one. */
    private static List<String> metaDistributions(RepositoryConfig repository, String diststr) {
        return repository.layout().metaDistributions().entrySet().stream()
                .filter(meta -> {
                    var target = meta.getValue().split("-", 2);
                    return target.length == 2 && repository.diststr(target[0], target[1]).equals(diststr);
                })
                .map(java.util.Map.Entry::getKey).sorted().toList();
    }

    private static void append(StringBuilder text, RepositoryConfig repository, RepositoryConfig.Distribution distribution,
                               String diststr, List<String> alsoAcceptFor, String signWith, boolean notAutomatic, boolean butAutomaticUpgrades) {
        var components = String.join(" ", distribution.components());
        text.append("Codename: ").append(diststr).append('\n')
                .append("Suite: ").append(diststr).append('\n')
                .append("Label: ").append(diststr).append('\n')
                .append("AlsoAcceptFor: ").append(String.join(" ", alsoAcceptFor)).append('\n')
                .append("Origin: ").append(repository.origin()).append('\n')
                .append("Components: ").append(components).append('\n')
                .append("UDebComponents: ").append(components).append('\n')
                .append("Architectures: source ").append(String.join(" ", distribution.architectures())).append('\n')
                .append("Description: ").append(diststr).append('\n')
                .append("SignWith: ").append(signWith).append('\n')
                .append("NotAutomatic: ").append(notAutomatic ? "yes" : "no").append('\n')
                .append("ButAutomaticUpgrades: ").append(butAutomaticUpgrades ? "yes" : "no").append('\n')
                .append("DebIndices: Packages Release . .gz .xz\n")
                .append("DscIndices: Sources Release . .gz .xz\n")
                .append("Contents: .gz\n\n");
    }
}
