package org.minibuildd.debian;

/**
 * A Debian package version {@code [epoch:]upstream[-revision]} with dpkg's syntax rules and ordering.
 *
 * <p>The parts are kept as written ({@code ""} for an absent epoch or revision) so that {@link #toString()} gives
 * back the original text: file names and reprepro use the exact string, not a normalised one. Consequently
 * {@link #equals} is textual while {@link #compareTo} is dpkg's order, in which e.g. {@code 0:1.0}, {@code 1.0} and
 * {@code 1.0-0} are equal.
 */
public record Version(String epoch, String upstream, String revision) implements Comparable<Version> {

    public Version {
        String subject = "Version \"" + join(epoch, upstream, revision) + "\"";
        if (!epoch.isEmpty()) {
            checkEpoch(subject, epoch);
        }
        checkUpstream(subject, upstream, !epoch.isEmpty(), !revision.isEmpty());
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '+' && c != '~') {
                throw DebianFormatException.of(subject, "invalid character " + Chars.quote(c)
                        + " in revision (allowed: A-Z a-z 0-9 . + ~)");
            }
        }
    }

    /** Parses with dpkg's rules; the first fault found is reported. */
    public static Version parse(String text) {
        String subject = "Version \"" + text + "\"";
        if (text.isEmpty()) {
            throw DebianFormatException.of(subject, "must not be empty");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw DebianFormatException.of(subject, "must not contain whitespace");
            }
        }
        int colon = text.indexOf(':');
        String epoch = "";
        String rest = text;
        if (colon >= 0) {
            epoch = text.substring(0, colon);
            if (epoch.isEmpty()) {
                throw DebianFormatException.of(subject, "epoch before ':' must not be empty");
            }
            rest = text.substring(colon + 1);
        }
        int hyphen = rest.lastIndexOf('-');
        String revision = "";
        if (hyphen >= 0) {
            revision = rest.substring(hyphen + 1);
            if (revision.isEmpty()) {
                throw DebianFormatException.of(subject, "revision after '-' must not be empty");
            }
            rest = rest.substring(0, hyphen);
        }
        return new Version(epoch, rest, revision);
    }

    /** dpkg's ordering of two version strings (both must be valid). */
    public static int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (DebianFormatException e) {
            return false;
        }
    }

    public int epochNumber() {
        return epoch.isEmpty() ? 0 : Integer.parseInt(epoch);
    }

    public boolean hasRevision() {
        return !revision.isEmpty();
    }

    /** The form used in Debian file names ({@code pkg_<version>.dsc}): epochs never appear there. */
    public String withoutEpoch() {
        return join("", upstream, revision);
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(epochNumber(), o.epochNumber());
        if (c != 0) {
            return c;
        }
        c = verrevcmp(upstream, o.upstream);
        return c != 0 ? c : verrevcmp(revision, o.revision);
    }

    @Override
    public String toString() {
        return join(epoch, upstream, revision);
    }

    private static String join(String epoch, String upstream, String revision) {
        var sb = new StringBuilder(epoch.length() + upstream.length() + revision.length() + 2);
        if (!epoch.isEmpty()) {
            sb.append(epoch).append(':');
        }
        sb.append(upstream);
        if (!revision.isEmpty()) {
            sb.append('-').append(revision);
        }
        return sb.toString();
    }

    private static void checkEpoch(String subject, String epoch) {
        for (int i = 0; i < epoch.length(); i++) {
            if (!isDigit(epoch.charAt(i))) {
                throw DebianFormatException.of(subject, "epoch must be a number, got \"" + epoch + "\"");
            }
        }
        String digits = stripLeadingZeros(epoch);
        if (digits.length() > 10 || (digits.length() == 10 && digits.compareTo("2147483647") > 0)) {
            throw DebianFormatException.of(subject, "epoch is too big (at most 2147483647)");
        }
    }

    private static void checkUpstream(String subject, String upstream, boolean withEpoch, boolean withRevision) {
        if (upstream.isEmpty()) {
            throw DebianFormatException.of(subject, "upstream version must not be empty");
        }
        if (!isDigit(upstream.charAt(0))) {
            throw DebianFormatException.of(subject, "upstream version must start with a digit");
        }
        for (int i = 1; i < upstream.length(); i++) {
            char c = upstream.charAt(i);
            boolean ok = isAlnum(c) || c == '.' || c == '+' || c == '~'
                    || (c == '-' && withRevision) || (c == ':' && withEpoch);
            if (!ok) {
                String hint = c == ':' ? " (':' is only allowed after an epoch)"
                        : c == '-' ? " ('-' is only allowed with a revision)" : " (allowed: A-Z a-z 0-9 . + ~ - :)";
                throw DebianFormatException.of(subject, "invalid character " + Chars.quote(c)
                        + " in upstream version" + hint);
            }
        }
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** dpkg's verrevcmp: '~' before everything (even the end), letters before other characters, digit runs numerically. */
    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (i < la || j < lb) {
            while ((i < la && !isDigit(a.charAt(i))) || (j < lb && !isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < la && a.charAt(i) == '0') {
                i++;
            }
            while (j < lb && b.charAt(j) == '0') {
                j++;
            }
            // Digit runs of any length: the longer run (without leading zeros) is bigger, else the first difference.
            int firstDiff = 0;
            while (i < la && j < lb && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < la && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < lb && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }

    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (isDigit(c)) {
            return 0;
        }
        if (isAlpha(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }
}
