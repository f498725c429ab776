/**
 * Configuration objects (Daemon, Archive, Source, PrioritySource, AptKey, Architecture, Component, Layout, Suite,
 * Distribution, Repository, Chroot, Remote, Uploader) and the status lifecycle of those that have data on the
 * system: prepare, check, activate, deactivate, remove and PCA, chained along their dependencies as mini-buildd
 * does.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Configuration", allowedDependencies = {"debian", "openpgp", "process", "db", "daemon"})
package org.minibuildd.config;
