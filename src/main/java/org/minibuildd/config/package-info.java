/**
 * Configuration objects (Daemon, Archive, Source, PrioritySource, AptKey, Architecture, Component, Layout, Suite,
 * Distribution, Repository, Chroot, Remote, Uploader) and the status lifecycle of those that have data on the
 * system: prepare, check, activate, deactivate, remove and PCA, chained along their dependencies as mini-buildd
 * does. What an object does on the system comes from {@link org.minibuildd.config.StatusHooks} beans, some of
 * them from the modules that own the object (Repository: repository, Chroot: builder, Remote: remote); {@code setup}
 * creates other modules' objects through their {@link org.minibuildd.config.SetupContribution}. Config depends on
 * none of those modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Configuration", allowedDependencies = {"debian", "openpgp", "process", "db", "daemon"})
package org.minibuildd.config;
