package org.minibuildd.debian;

import java.util.OptionalInt;

/**
 * A mini-buildd distribution string {@code <codename>-<repository>-<suite>[-rollback<N>]}.
 *
 * <p>Parts follow the reference's configuration rules: codename and repository identity {@code [a-z0-9]+}, suite
 * {@code [a-z]+}. Rollback numbers are written without leading zeros so that parse and format are inverse.
 *
 * @param rollback the rollback number, or {@code -1} for the distribution itself
 */
public record DistributionString(String codename, String repository, String suite, int rollback) {

    static final String EXPECTED = "expected \"<codename>-<repository>-<suite>[-rollback<N>]\"";
    private static final String ROLLBACK = "rollback";

    public DistributionString {
        String subject = "Distribution \"" + codename + "-" + repository + "-" + suite
                + (rollback >= 0 ? "-" + ROLLBACK + rollback : "") + "\"";
        check(subject, "codename", codename, true);
        check(subject, "repository", repository, true);
        check(subject, "suite", suite, false);
        if (rollback < -1) {
            throw DebianFormatException.of(subject, "rollback number must not be negative");
        }
    }

    public static DistributionString of(String codename, String repository, String suite) {
        return new DistributionString(codename, repository, suite, -1);
    }

    public static DistributionString parse(String text) {
        String subject = "Distribution \"" + text + "\"";
        String[] parts = text.split("-", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw DebianFormatException.of(subject, EXPECTED);
        }
        int rollback = -1;
        if (parts.length == 4) {
            String r = parts[3];
            String digits = r.startsWith(ROLLBACK) ? r.substring(ROLLBACK.length()) : "";
            boolean ok = !digits.isEmpty() && digits.length() <= 9 && (digits.length() == 1 || digits.charAt(0) != '0');
            for (int i = 0; ok && i < digits.length(); i++) {
                ok = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
            }
            if (!ok) {
                throw DebianFormatException.of(subject, EXPECTED + "; \"" + r
                        + "\" is not \"rollback<N>\" (N a number without leading zeros)");
            }
            rollback = Integer.parseInt(digits);
        }
        for (int i = 0; i < 3; i++) {
            if (parts[i].isEmpty()) {
                throw DebianFormatException.of(subject, EXPECTED + "; the "
                        + new String[] {"codename", "repository", "suite"}[i] + " is empty");
            }
        }
        try {
            return new DistributionString(parts[0], parts[1], parts[2], rollback);
        } catch (DebianFormatException e) {
            throw DebianFormatException.of(subject, EXPECTED + "; " + e.problem());
        }
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (DebianFormatException e) {
            return false;
        }
    }

    public boolean isRollback() {
        return rollback >= 0;
    }

    public OptionalInt rollbackNumber() {
        return isRollback() ? OptionalInt.of(rollback) : OptionalInt.empty();
    }

    /** The distribution a rollback belongs to (itself if not a rollback). */
    public DistributionString withoutRollback() {
        return new DistributionString(codename, repository, suite, -1);
    }

    public DistributionString rollback(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("rollback number must not be negative: " + n);
        }
        return new DistributionString(codename, repository, suite, n);
    }

    @Override
    public String toString() {
        return codename + "-" + repository + "-" + suite + (isRollback() ? "-" + ROLLBACK + rollback : "");
    }

    private static void check(String subject, String what, String value, boolean digits) {
        if (value.isEmpty()) {
            throw DebianFormatException.of(subject, what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (digits && c >= '0' && c <= '9'))) {
                throw DebianFormatException.of(subject, what + " \"" + value + "\" must consist of "
                        + (digits ? "a-z and 0-9" : "a-z") + " only");
            }
        }
    }
}
