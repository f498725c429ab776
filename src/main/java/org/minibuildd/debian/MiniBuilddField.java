package org.minibuildd.debian;

import java.util.Locale;
import java.util.Optional;

/**
 * mini-buildd's own {@code X-Mini-Buildd-*} fields of build requests and build results, named once. A field's name
 * follows from the constant ({@code ARCH_ALL} is {@code X-Mini-Buildd-Arch-All}) and so does the key its events
 * carry it under ({@code arch_all}).
 */
public enum MiniBuilddField {
    // Both: where the build belongs and where its result and logs go.
    TIMECODE, UPLOAD_TO, BUILDER, BUILDLOG, BUILDLOG_INSTALLED,
    // Build request: how to build.
    PACKAGER, ARCH_ALL, BUILD_DEP_RESOLVER, SBUILD_CONFIG_BLOCKS, SBUILD_SETUP_BLOCKS, DEB_BUILD_OPTIONS,
    DEB_BUILD_PROFILES, ADD_DEPENDS, LINTIAN_MODE, LINTIAN_EXTRA_OPTIONS, AUTOPKGTEST_MODE, PIUPARTS_MODE,
    PIUPARTS_EXTRA_OPTIONS, PIUPARTS_ROOT_ARG, BUILDLOG_BUILDING,
    // Build result: sbuild's summary.
    SBUILD_AUTOPKGTEST, SBUILD_BUILD_SPACE, SBUILD_BUILD_TIME, SBUILD_LINTIAN, SBUILD_PACKAGE_TIME, SBUILD_PIUPARTS,
    SBUILD_SPACE, SBUILD_STATUS,
    // Build result, not one of the reference's fields: why the build failed, when the builder knows.
    FAILURE;

    public static final String PREFIX = "X-Mini-Buildd-";

    private final String fieldName;

    MiniBuilddField() {
        var words = new StringBuilder(PREFIX);
        for (var word : name().split("_")) {
            if (words.length() > PREFIX.length()) {
                words.append('-');
            }
            words.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        this.fieldName = words.toString();
    }

    /** The field's name in a {@code .changes}, e.g. {@code X-Mini-Buildd-Upload-To}. */
    public String fieldName() {
        return fieldName;
    }

    /** The key events carry the field's value under, e.g. {@code upload_to}. */
    public String eventKey() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field of that name (in any letter case), or empty when it is none of mini-buildd's. */
    public static Optional<MiniBuilddField> of(String fieldName) {
        for (var field : values()) {
            if (field.fieldName.equalsIgnoreCase(fieldName)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return fieldName;
    }
}
