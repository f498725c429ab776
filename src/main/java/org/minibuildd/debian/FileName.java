package org.minibuildd.debian;

/**
 * The one rule for names of files that travel with uploads ({@code .changes}/{@code .dsc} file lists, FTP
 * incoming): a plain Debian file name that can never address anything outside the directory it lands in.
 */
public final class FileName {

    static final int MAX_LENGTH = 255;

    private FileName() {
    }

    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /** Returns {@code name} if valid, else throws naming the fault. */
    public static String check(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw DebianFormatException.of("File name \"" + name + "\"", problem);
        }
        return name;
    }

    /** What is wrong with {@code name} in plain words (for refusals shown to uploaders), or empty if nothing. */
    public static java.util.Optional<String> fault(String name) {
        return java.util.Optional.ofNullable(problem(name));
    }

    /** What is wrong with {@code name}, or {@code null} if nothing. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "must not be longer than " + MAX_LENGTH + " characters";
        }
        if (name.charAt(0) == '.' || name.charAt(0) == '-') {
            return "must not start with '" + name.charAt(0) + "'";
        }
        if (name.contains("..")) {
            return "must not contain \"..\"";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '+' || c == '~' || c == '_' || c == '-';
            if (!ok) {
                return "invalid character " + Chars.quote(c) + " (allowed: A-Z a-z 0-9 . + ~ _ -)";
            }
        }
        return null;
    }
}
