package org.minibuildd.incoming;

import java.util.Optional;

import org.minibuildd.debian.BuildChangesName;

/**
 * What a {@code .changes} in incoming is, told by its name alone (so even one that does not parse is classified):
 * a build request or result by mini-buildd's names for them ({@link BuildChangesName}), anything else a user upload.
 */
public enum UploadKind {
    USER_UPLOAD("user-upload"),
    BUILD_REQUEST("build-request"),
    BUILD_RESULT("build-result");

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
        return BuildChangesName.of(changesName)
                .map(name -> name == BuildChangesName.BUILD_REQUEST ? BUILD_REQUEST : BUILD_RESULT).orElse(USER_UPLOAD);
    }

    /** The architecture a build request or result names, or empty for a user upload. */
    public static Optional<String> architecture(String changesName) {
        return BuildChangesName.architecture(changesName);
    }

    @Override
    public String toString() {
        return word;
    }
}
