package org.minibuildd.incoming;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code .changes} in incoming is, told by its name alone (so even one that does not parse is classified):
 * mini-buildd names its own build requests {@code <source>_<version>_mini-buildd-buildrequest_<arch>.changes} and
 * build results {@code <source>_<version>_mini-buildd-buildresult_<arch>.changes}; anything else is a user upload.
 */
public enum UploadKind {
    USER_UPLOAD("user-upload"),
    BUILD_REQUEST("build-request"),
    BUILD_RESULT("build-result");

    private static final Pattern INTERNAL = Pattern.compile(".+_mini-buildd-(buildrequest|buildresult)_([a-z0-9-]+)\\.changes");

    private final String word;

    UploadKind(String word) {
        this.word = word;
    }

    /** The kind's name in files and logs ({@code user-upload}, {@code build-request}, {@code build-result}). */
    public String word() {
        return word;
    }

    public static UploadKind ofWord(String word) {
        for (var kind : values()) {
            if (kind.word.equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown upload kind \"" + word + "\"");
    }

    /** The kind of the {@code .changes} named {@code changesName}. */
    public static UploadKind of(String changesName) {
        var m = INTERNAL.matcher(changesName);
        if (!m.matches()) {
            return USER_UPLOAD;
        }
        return m.group(1).equals("buildrequest") ? BUILD_REQUEST : BUILD_RESULT;
    }

    /** The architecture a build request or result names, or empty for a user upload. */
    public static Optional<String> architecture(String changesName) {
        var m = INTERNAL.matcher(changesName);
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    @Override
    public String toString() {
        return word;
    }
}
