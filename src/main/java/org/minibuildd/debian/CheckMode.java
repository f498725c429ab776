package org.minibuildd.debian;

import java.util.Locale;

/** How a check (lintian, piuparts, autopkgtest) affects installation; accepted in any letter case like the reference. */
public enum CheckMode {
    /** Don't run the check. */
    DISABLED,
    /** Run the check but ignore its result. */
    IGNORE,
    /** Run the check and fail on errors. */
    ERRFAIL,
    /** Run the check and fail on warnings. */
    WARNFAIL;

    public static CheckMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DebianFormatException.of("Check mode \"" + text + "\"",
                    "expected one of DISABLED, IGNORE, ERRFAIL, WARNFAIL");
        }
    }

    /** Whether lintian's verdict ({@code pass}, {@code warn}, {@code error}, {@code fail}, …) fails this mode. */
    public boolean lintianFails(String verdict) {
        var result = verdict.toLowerCase(Locale.ROOT);
        return switch (this) {
            case ERRFAIL -> result.equals("error") || result.equals("fail");
            case WARNFAIL -> result.equals("error") || result.equals("fail") || result.equals("warn");
            case DISABLED, IGNORE -> false;
        };
    }

    /**
     * autopkgtest and piuparts: ERRFAIL and WARNFAIL fail when the check fails or did not run at all ({@code verdict}
     * empty); sbuild already counts skipped tests as a pass and reports "no tests" for a package without any.
     */
    public boolean checkFails(String verdict) {
        var result = verdict.toLowerCase(Locale.ROOT);
        return switch (this) {
            case ERRFAIL, WARNFAIL -> result.isEmpty() || result.equals("fail");
            case DISABLED, IGNORE -> false;
        };
    }
}
