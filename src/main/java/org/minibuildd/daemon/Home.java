package org.minibuildd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.minibuildd.debian.UploadKey;

/**
 * The daemon's home and its fixed layout. Every module asks this record for its directory instead of building
 * paths of its own, so the layout is written down once.
 */
public record Home(Path root) {

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    public Path incoming() { return root.resolve("incoming"); }
    public Path rejected() { return root.resolve("rejected"); }
    public Path builds() { return root.resolve("builds"); }
    public Path events() { return root.resolve("events"); }
    public Path repositories() { return root.resolve("repositories"); }
    public Path chroots() { return root.resolve("chroots"); }
    public Path keys() { return root.resolve("keys"); }
    public Path db() { return root.resolve("db"); }
    public Path log() { return root.resolve("log"); }
    /** {@code tmp/}: scratch directories of the daemon's own work (sources it makes), on the same file system as home. */
    public Path tmp() { return root.resolve("tmp"); }

    /** {@code repositories/<identity>/}: one reprepro repository. */
    public Path repository(String identity) {
        return repositories().resolve(identity);
    }

    /** {@code ports/<name>/}: where a port is made; it outlives a crash, so a port made again is the same files. */
    public Path port(String name) {
        return root.resolve("ports").resolve(name);
    }

    /** {@code removed/repositories/}: removed repositories, kept aside instead of deleted. */
    public Path removedRepositories() {
        return root.resolve("removed").resolve("repositories");
    }

    /** {@code chroots/<codename>/<arch>/}: one build chroot. */
    public Path chroot(String codename, String architecture) {
        return chroots().resolve(codename).resolve(architecture);
    }

    /** {@code log/chroot-<codename>-<arch>.log}: a chroot's prepare log, kept when a failed prepare cleans the chroot away. */
    public Path chrootLog(String codename, String architecture) {
        return log().resolve("chroot-" + codename + "-" + architecture + ".log");
    }

    /** {@code log/postgresql.log}: the private cluster's server log. */
    public Path postgresqlLog() {
        return log().resolve("postgresql.log");
    }

    /** {@code admin-password}: the generated admin password, unless the settings name another file. */
    public Path adminPasswordFile() {
        return root.resolve("admin-password");
    }

    /** Served as {@code <instance URL>/mini_buildd/events-dir/…}: everything an upload left, by key. */
    public static final String EVENTS_DIR_URL_PATH = "/mini_buildd/events-dir";
    /** Served as {@code <instance URL>/mini_buildd/builds-dir/…}: the builds running or done here, by key. */
    public static final String BUILDS_DIR_URL_PATH = "/mini_buildd/builds-dir";

    /**
     * {@code events/<source>/<version>/<timecode>/<arch>/}: one upload's files on the packager, {@code source} for
     * the upload itself and one per architecture for its build request and result.
     */
    public Path eventsDir(UploadKey key, String architecture) {
        return under(events(), key, architecture);
    }

    /** {@code events/<source>/<version>/<timecode>/source/}: the user upload itself. */
    public Path uploadDir(UploadKey key) {
        return eventsDir(key, "source");
    }

    /** {@code builds/<source>/<version>/<timecode>/<arch>/}: one build on the builder. */
    public Path buildDir(UploadKey key, String architecture) {
        return under(builds(), key, architecture);
    }

    /** {@code rejected/<changes name>-<first 12 of its SHA-256>/}: a build request or result nobody here takes. */
    public Path rejectedBuildChanges(String changesName, String changesSha256) {
        return rejected().resolve(changesName + "-" + changesSha256.substring(0, 12));
    }

    /** {@code rejected/<timecode, ':' as '-'>-<changes name>/}: an upload the packager rejected. */
    public Path rejectedUpload(String timecode, String changesName) {
        return rejected().resolve(timecode.replace(':', '-') + "-" + changesName);
    }

    /** The URL of a file below the events directory ({@code relative} as {@link UploadKey#buildlog}) on an instance. */
    public static String eventsDirUrl(String instanceUrl, String relative) {
        return instanceUrl + EVENTS_DIR_URL_PATH + "/" + relative;
    }

    /** The URL of a file below the builds directory on an instance. */
    public static String buildsDirUrl(String instanceUrl, String relative) {
        return instanceUrl + BUILDS_DIR_URL_PATH + "/" + relative;
    }

    private static Path under(Path dir, UploadKey key, String architecture) {
        return dir.resolve(key.source()).resolve(key.version()).resolve(key.timecode()).resolve(architecture);
    }

    /** Creates every directory of the layout that is missing (the database directory is the cluster's to make). */
    public Home create() {
        for (var dir : List.of(incoming(), rejected(), builds(), events(), repositories(), chroots(), keys(), log(), tmp())) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir + " in the mini-buildd home: " + e.getMessage(), e);
            }
        }
        return this;
    }
}
