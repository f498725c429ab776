package org.minibuildd.debian;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How mini-buildd names the {@code .changes} of its build requests and build results:
 * {@code <source>_<version>_mini-buildd-buildrequest_<arch>.changes} and
 * {@code <source>_<version>_mini-buildd-buildresult_<arch>.changes}, each with its payload
 * {@code <changes name>.tar}. Written and recognised here only, so sender and receiver cannot disagree.
 */
public enum BuildChangesName {
    BUILD_REQUEST("buildrequest"),
    BUILD_RESULT("buildresult");

    private static final Pattern NAME = Pattern.compile(".+_mini-buildd-(buildrequest|buildresult)_([a-z0-9-]+)\\.changes");

    private final String word;

    BuildChangesName(String word) {
        this.word = word;
    }

    public String changesName(UploadKey key, String architecture) {
        // A Debian file name never carries the epoch (FileName refuses ':'), as mini-buildd names them.
        return key.source() + "_" + Version.parse(key.version()).withoutEpoch() + "_mini-buildd-" + word + "_" + architecture + ".changes";
    }

    /** The uncompressed tar the {@code .changes} lists: its name plus {@code .tar}. */
    public String tarName(UploadKey key, String architecture) {
        return changesName(key, architecture) + ".tar";
    }

    /** How a build request or result lists one of its files: section {@code mini-buildd}, priority {@code extra}. */
    public static FileEntry listed(String name, long size, String md5) {
        return new FileEntry(name, size, md5, "", "", "mini-buildd", "extra");
    }

    /** What a {@code .changes} of this name is; empty when it is neither a build request nor a build result. */
    public static Optional<BuildChangesName> of(String changesName) {
        var m = NAME.matcher(changesName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).equals(BUILD_REQUEST.word) ? BUILD_REQUEST : BUILD_RESULT);
    }

    /** The architecture a build request's or result's name ends in; empty for any other name. */
    public static Optional<String> architecture(String changesName) {
        var m = NAME.matcher(changesName);
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }
}
