package org.minibuildd.config;

/**
 * The Daemon's editable settings (its identity comes from the daemon's own settings and is not edited here):
 * mail sender and recipient allow-list, the FTP endpoint, build slots and how long events and builds are kept.
 */
public record DaemonSettings(String customArchiveOrigin, String emailAddress, String allowEmailsTo, String ftpEndpoint,
                             int maxParallelBuilds, int expireEventsDays, int expireBuildsDays) { }
