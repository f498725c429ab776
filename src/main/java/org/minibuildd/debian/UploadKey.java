package org.minibuildd.debian;

/**
 * What names one upload everywhere in mini-buildd: {@code <source>/<version>/<timecode>}, the timecode being
 * {@code YYYYMMDD:HHMMSS:microseconds} (UTC) of its arrival. One build of it adds the architecture
 * ({@link #bkey}); the event and build directories and the log URLs are laid out by these keys.
 */
public record UploadKey(String source, String version, String timecode) {

    public UploadKey {
        for (var part : new String[] {source, version, timecode}) {
            if (part.isEmpty() || part.indexOf('/') >= 0) {
                throw DebianFormatException.of("Upload key \"" + source + "/" + version + "/" + timecode + "\"",
                        "source, version and timecode must be non-empty and hold no '/'");
            }
        }
    }

    /** The key of {@code <source>/<version>/<timecode>} or of a build, {@code <source>/<version>/<timecode>/<arch>}. */
    public static UploadKey parse(String key) {
        var parts = key.split("/", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw DebianFormatException.of("Upload key \"" + key + "\"", "expected <source>/<version>/<timecode>[/<arch>]");
        }
        return new UploadKey(parts[0], parts[1], parts[2]);
    }

    /** The key of one architecture's build: {@code <source>/<version>/<timecode>/<arch>}. */
    public String bkey(String architecture) {
        return this + "/" + architecture;
    }

    /** The build log's name: {@code <source>_<version>_<arch>.buildlog}. */
    public String buildlogName(String architecture) {
        return source + "_" + Version.parse(version).withoutEpoch() + "_" + architecture + ".buildlog";
    }

    /** The build log below the events and builds directories: {@code <bkey>/<buildlog name>}. */
    public String buildlog(String architecture) {
        return bkey(architecture) + "/" + buildlogName(architecture);
    }

    /** The source package's {@code .dsc}, named as dpkg names it (no epoch). */
    public String dscName() {
        return source + "_" + Version.parse(version).withoutEpoch() + ".dsc";
    }

    /** The {@code .changes} sbuild writes for one architecture, named as sbuild names it (no epoch). */
    public String sbuildChangesName(String architecture) {
        return source + "_" + Version.parse(version).withoutEpoch() + "_" + architecture + ".changes";
    }

    @Override
    public String toString() {
        return source + "/" + version + "/" + timecode;
    }
}
