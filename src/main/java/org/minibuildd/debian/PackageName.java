package org.minibuildd.debian;

/** Policy 5.6.1/5.6.7: source and binary package names are {@code [a-z0-9][a-z0-9.+-]+}. */
public final class PackageName {

    private PackageName() {
    }

    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    public static String check(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw DebianFormatException.of("Package name \"" + name + "\"", problem);
        }
        return name;
    }

    /** The source's directory in an archive pool below the component: {@code h/hello}, {@code libf/libfoo}. */
    public static String poolDirectory(String source) {
        var prefix = source.startsWith("lib") && source.length() > 3 ? source.substring(0, 4) : source.substring(0, 1);
        return prefix + "/" + source;
    }

    static String problem(String name) {
        if (name.length() < 2) {
            return "must be at least two characters long";
        }
        if (!Chars.isAsciiLowerOrDigit(name.charAt(0))) {
            return "must start with a lower case letter or digit";
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Chars.isAsciiLowerOrDigit(c) && c != '.' && c != '+' && c != '-') {
                return "invalid character " + Chars.quote(c) + " (allowed: a-z 0-9 . + -)";
            }
        }
        return null;
    }
}
