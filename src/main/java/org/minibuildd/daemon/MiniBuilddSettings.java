package org.minibuildd.daemon;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code minibuildd.*} setting, typed. Defaults follow mini-buildd: home in {@code /var/lib/mini-buildd},
 * HTTP on 8066, FTP on 8067.
 *
 * @param home      the daemon's home (incoming, repositories, chroots, keys, the private database, logs)
 * @param hostname  the host name that goes into URLs, the Origin and the dput config; empty for this machine's
 * @param identity  the instance identity (e.g. {@code myorg}); empty to derive it from the host name
 * @param httpPort  web UI, API, repositories and logs
 * @param ftpPort   FTP incoming
 * @param db        the database: the private cluster unless {@code url} is given
 * @param adminPasswordFile where the generated admin password is kept; empty for {@code home/admin-password}
 * @param mail      how notification mails leave this host
 * @param incoming  limits and timeouts of FTP incoming
 * @param chroots   how build chroots are made and kept up to date
 */
@ConfigurationProperties("minibuildd")
public record MiniBuilddSettings(
        @DefaultValue("/var/lib/mini-buildd") Path home,
        @DefaultValue("") String hostname,
        @DefaultValue("") String identity,
        @DefaultValue("8066") int httpPort,
        @DefaultValue("8067") int ftpPort,
        @DefaultValue Db db,
        @DefaultValue("") String adminPasswordFile,
        @DefaultValue Mail mail,
        @DefaultValue Incoming incoming,
        @DefaultValue Chroots chroots) {

    /**
     * FTP incoming: what one upload may cost and how long incomplete or unclaimed files wait.
     *
     * @param maxFileSize     the largest file one STOR may store
     * @param maxUploadSize   the most one FTP session may store in total (one dput run is one session)
     * @param missingTimeout  how long a .changes waits for a listed file that has not arrived (counted from the
     *                        last file of the upload that arrived) before the upload is rejected
     * @param strayTimeout    how long a file no .changes lists waits before it is rejected as stray
     * @param partialTimeout  how long an unfinished transfer may go without a write before its temp file is removed
     * @param scanInterval    how often the spool is scanned for timeouts and retries (every finished upload also
     *                        triggers a scan)
     * @param listen          whether to open the FTP port; {@code false} keeps the spool and its scans without FTP
     *                        (tests that run several daemons at once)
     */
    public record Incoming(
            @DefaultValue("2GB") DataSize maxFileSize,
            @DefaultValue("4GB") DataSize maxUploadSize,
            @DefaultValue("5m") Duration missingTimeout,
            @DefaultValue("15m") Duration strayTimeout,
            @DefaultValue("15m") Duration partialTimeout,
            @DefaultValue("15s") Duration scanInterval,
            @DefaultValue("true") boolean listen) {
    }

    /**
     * Build chroots (see README, "Chroots").
     *
     * @param seedDir         a directory of ready chroot trees, {@code <codename>/<arch>/}, that prepare copies instead of
     *                        running debootstrap (air-gapped hosts, test machines); empty: always debootstrap
     * @param upgradeInterval how often active chroots get {@code apt-get dist-upgrade}; zero switches the job off
     * @param packages        installed into every chroot at prepare, so builds do not install them each time
     *                        (lintian runs inside the build chroot; aptitude is a build-dependency resolver)
     * @param cachedPackages  downloaded, never installed, with everything they pull in, into every chroot's apt cache
     *                        at prepare and upgrade: a build's apt installs them from the cache instead of the network,
     *                        while the chroot stays a clean buildd chroot that still catches a missing Build-Depends
     *                        (sbuild's own build-essential and fakeroot, and debhelper, which nearly every package uses)
     * @param schrootPrefix   the schroot chroots are named {@code <prefix>-<codename>-<arch>} (and so are their files in
     *                        {@code /etc/schroot/chroot.d/}): {@code mini-buildd}, or {@code mini-buildd-<word>} for a second
     *                        daemon on the same machine (tests), which the sudoers rules of {@code bin/mini-buildd} allow
     */
    public record Chroots(
            @DefaultValue("") String seedDir,
            @DefaultValue("24h") java.time.Duration upgradeInterval,
            @DefaultValue({"eatmydata", "lintian", "aptitude"}) java.util.List<String> packages,
            @DefaultValue({"build-essential", "fakeroot", "debhelper"}) java.util.List<String> cachedPackages,
            @DefaultValue(DEFAULT_SCHROOT_PREFIX) String schrootPrefix) {

        public static final String DEFAULT_SCHROOT_PREFIX = "mini-buildd";

        public Chroots {
            // The sudoers rules allow the schroot config files mini-buildd-*.conf and piuparts on mini-buildd-* only.
            if (!schrootPrefix.matches("mini-buildd(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("minibuildd.chroots.schroot-prefix must be mini-buildd or mini-buildd-<word>"
                        + " (lower case letters and digits), not \"" + schrootPrefix + "\"");
            }
        }
    }

    /**
     * @param url             JDBC URL of an external PostgreSQL server; empty to run the private cluster in home/db
     * @param user            user for the external server
     * @param password        password for the external server
     * @param postgresBin     Debian's PostgreSQL binaries; empty to take the newest under /usr/lib/postgresql
     * @param clusterUser     the system user that owns the private cluster when the daemon itself runs as root
     *                        (PostgreSQL refuses to run as root)
     */
    /**
     * Notification mail (to uploaders, subscribers and configured addresses), sent over SMTP.
     *
     * @param host      SMTP server; empty: no mail is sent
     * @param port      SMTP port
     * @param from      sender address; empty for {@code mini-buildd@<hostname>}
     * @param allowTo   regular expression recipients must match (mini-buildd's allow list); empty allows none
     */
    public record Mail(
            @DefaultValue("") String host,
            @DefaultValue("25") int port,
            @DefaultValue("") String from,
            @DefaultValue("") String allowTo) {

        public boolean enabled() {
            return !host.isBlank();
        }
    }

    public record Db(
            @DefaultValue("") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("") String postgresBin,
            @DefaultValue("mini-buildd") String clusterUser) {

        public boolean external() {
            return !url.isBlank();
        }
    }
}
