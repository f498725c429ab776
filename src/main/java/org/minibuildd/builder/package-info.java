/**
 * Building: chroots made with debootstrap from a Source (directory with overlay snapshot sessions, or tarball),
 * registered with schroot, checked, kept upgraded and removed; and the sbuild runner that builds a source package
 * in a snapshot session of such a chroot with the repository's apt sources, keys and preferences, runs lintian per
 * the check mode, streams the build log and reads sbuild's summary. The build queue builds on these.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Builder", allowedDependencies = {"config", "process", "daemon", "debian", "exchange", "incoming", "events", "openpgp", "db", "remote"})
package org.minibuildd.builder;
