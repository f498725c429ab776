package org.minibuildd.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository layout: its suites with their options, the version rules, and the meta distributions (short
 * names like {@code unstable} standing for a full distribution).
 */
public record Layout(String name, List<SuiteOption> suites, String defaultVersion, String mandatoryVersionRegex,
                     String experimentalDefaultVersion, String experimentalMandatoryVersionRegex,
                     Map<String, String> metaDistributions) {

    public Layout {
        suites = List.copyOf(suites);
        metaDistributions = Map.copyOf(metaDistributions);
    }

    public Optional<SuiteOption> suite(String suite) {
        return suites.stream().filter(s -> s.suite().equals(suite)).findFirst();
    }

    /**
     * One suite of a layout.
     *
     * @param rollback             how many replaced versions are kept in {@code -rollback0…N-1}
     * @param notAutomatic         apt flag NotAutomatic
     * @param butAutomaticUpgrades apt flag ButAutomaticUpgrades
     */
    public record SuiteOption(String suite, boolean uploadable, boolean experimental, String migratesTo, int rollback,
                              boolean buildKeyringPackage, boolean notAutomatic, boolean butAutomaticUpgrades) {
    }
}
