package org.minibuildd.daemon;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
        @DefaultValue Chroots chroots) {

    /**
     * Build chroots (see README, "Chroots").
     *
     * @param seedDir         a directory of ready chroot trees, {@code <codename>/<arch>/}, that prepare copies instead of
     *                        running debootstrap (air-gapped hosts, test machines); empty: always debootstrap
     * @param upgradeInterval how often active chroots get {@code apt-get dist-upgrade}; zero switches the job off
     * @param packages        installed into every chroot at prepare, so builds do not install them each time
     *                        (lintian runs inside the build chroot; aptitude is a build-dependency resolver)
     */
    public record Chroots(
            @DefaultValue("") String seedDir,
            @DefaultValue("24h") java.time.Duration upgradeInterval,
            @DefaultValue({"eatmydata", "lintian", "aptitude"}) java.util.List<String> packages) {
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
