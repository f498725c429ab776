package org.minibuildd.config;

/**
 * A Distribution's build options, named by its base source. Components, architectures and extra sources are
 * shown with it but edited through the setup and the distribution wizard.
 */
public record DistributionSettings(SourceRef base, String buildDepResolver, String sbuildConfigBlocks,
                                   String sbuildSetupBlocks, String lintianMode, String lintianExtraOptions,
                                   String piupartsMode, String piupartsExtraOptions, String piupartsRootArg,
                                   String autopkgtestMode, int internalAptPriority, String debBuildOptions,
                                   String debBuildProfiles, String addDepends) { }
