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
}
