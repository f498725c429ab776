package org.minibuildd.repository.internal;

import java.util.ArrayList;
import java.util.List;

import org.minibuildd.config.RepositoryConfig;

/**
 * reprepro's {@code conf/distributions} and {@code conf/options} for a repository, as mini-buildd writes them: one
 * distribution per codename and suite, followed by its rollbacks. The one difference is on purpose: there is no
 * {@code SignWith}, because the daemon signs every exported Release itself with the instance key.
 */
public final class RepreproConf {

    private RepreproConf() {
    }

    public static String distributions(RepositoryConfig repository) {
        var text = new StringBuilder();
        for (var distribution : repository.distributions()) {
            for (var suite : repository.layout().suites()) {
                var diststr = repository.diststr(distribution.codename(), suite.suite());
                append(text, repository, distribution, diststr, metaDistributions(repository, diststr),
                        suite.notAutomatic(), suite.butAutomaticUpgrades());
                for (int rollback = 0; rollback < suite.rollback(); rollback++) {
                    // Rollbacks are never picked by apt on its own: NotAutomatic without ButAutomaticUpgrades.
                    append(text, repository, distribution, repository.diststr(distribution.codename(), suite.suite(), rollback),
                            List.of(), true, false);
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

    public static String options() {
        return "# Written by mini-buildd. No SignWith, no gnupghome: the daemon signs InRelease and Release.gpg itself.\n";
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
                               String diststr, List<String> alsoAcceptFor, boolean notAutomatic, boolean butAutomaticUpgrades) {
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
                .append("NotAutomatic: ").append(notAutomatic ? "yes" : "no").append('\n')
                .append("ButAutomaticUpgrades: ").append(butAutomaticUpgrades ? "yes" : "no").append('\n')
                .append("DebIndices: Packages Release . .gz .xz\n")
                .append("DscIndices: Sources Release . .gz .xz\n")
                .append("Contents: .gz\n\n");
    }
}
