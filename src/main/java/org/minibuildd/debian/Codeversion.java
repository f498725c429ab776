package org.minibuildd.debian;

import java.util.Locale;
import java.util.Set;

/**
 * The codeversion of a base distribution: one short token (bookworm → {@code 12}) used in version restrictions
 * and automatic port versions. Follows the reference's heuristics so existing archives keep their versions.
 */
public final class Codeversion {

    /** Debian releases whose point releases were {@code M.m} majors (up to squeeze): both numbers count. */
    private static final Set<String> DEBIAN_MAJOR_MINOR = Set.of("buzz", "rex", "bo", "hamm", "slink", "potato",
            "woody", "sarge", "etch", "lenny", "squeeze");

    private Codeversion() {
    }

    /**
     * @param origin         the Release {@code Origin} (e.g. {@code Debian}, {@code Ubuntu})
     * @param codename       the Release {@code Codename}
     * @param releaseVersion the Release {@code Version}, {@code ""} for rolling distributions (testing, sid)
     * @return e.g. {@code 12} for Debian {@code 12.8}, {@code 1210} for Ubuntu {@code 12.10}, {@code ~SID} for sid
     */
    public static String guess(String origin, String codename, String releaseVersion) {
        if (releaseVersion.isEmpty()) {
            return "~" + codename.toUpperCase(Locale.ROOT);
        }
        String[] parts = releaseVersion.split("\\.", -1);
        if (origin.equals("Debian") && !DEBIAN_MAJOR_MINOR.contains(codename)) {
            return leadingDigits(parts, 0);
        }
        return leadingDigits(parts, 0) + leadingDigits(parts, 1);
    }

    public static String of(Release release) {
        return guess(release.origin().orElse(""), release.codename().orElse(""), release.version().orElse(""));
    }

    private static String leadingDigits(String[] parts, int index) {
        if (index >= parts.length) {
            return "";
        }
        String p = parts[index];
        int end = 0;
        while (end < p.length() && p.charAt(end) >= '0' && p.charAt(end) <= '9') {
            end++;
        }
        return p.substring(0, end);
    }
}
