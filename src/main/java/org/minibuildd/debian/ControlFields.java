package org.minibuildd.debian;

import java.util.List;

/** Field checks shared by {@link Changes} and {@link Dsc}, so both report faults the same way. */
final class ControlFields {

    private ControlFields() {
    }

    static void require(Paragraph p, String subject, List<String> names) {
        for (String name : names) {
            if (!p.has(name)) {
                throw new DebianFormatException(subject, name, 0, "missing required field");
            }
        }
    }

    static String text(Paragraph p, String subject, String name) {
        String value = p.text(name).orElseThrow(() -> new DebianFormatException(subject, name, 0,
                "missing required field"));
        if (value.isEmpty()) {
            throw new DebianFormatException(subject, name, p.lineOf(name), "must not be empty");
        }
        return value;
    }

    /** {@code Source: name} or, in binary-only uploads, {@code Source: name (version)}. */
    static String source(Paragraph p, String subject) {
        String value = text(p, subject, "Source");
        int space = value.indexOf(' ');
        String name = space < 0 ? value : value.substring(0, space);
        if (space >= 0) {
            String rest = value.substring(space + 1).strip();
            if (!rest.startsWith("(") || !rest.endsWith(")") || !Version.isValid(rest.substring(1, rest.length() - 1))) {
                throw new DebianFormatException(subject, "Source", p.lineOf("Source"),
                        "expected \"<name>\" or \"<name> (<version>)\"");
            }
        }
        String problem = PackageName.problem(name);
        if (problem != null) {
            throw new DebianFormatException(subject, "Source", p.lineOf("Source"),
                    "source package name \"" + name + "\" " + problem);
        }
        return name;
    }

    static Version version(Paragraph p, String subject) {
        String value = text(p, subject, "Version");
        try {
            return Version.parse(value);
        } catch (DebianFormatException e) {
            throw new DebianFormatException(subject, "Version", p.lineOf("Version"), "\"" + value + "\": "
                    + e.problem());
        }
    }

    /** Space-separated lists such as {@code Architecture} and {@code Binary}; each word checked by {@code rule}. */
    static List<String> words(Paragraph p, String subject, String name, boolean packageNames) {
        String value = p.text(name).orElse("");
        if (value.isEmpty()) {
            return List.of();
        }
        // Binary may be written comma-separated in .dsc files ("Binary: a, b").
        List<String> words = List.of(value.split(packageNames ? "[\\s,]+" : "\\s+"));
        for (String w : words) {
            String problem = packageNames ? PackageName.problem(w) : architectureProblem(w);
            if (problem != null) {
                throw new DebianFormatException(subject, name, p.lineOf(name), "\"" + w + "\" " + problem);
            }
        }
        return words;
    }

    private static String architectureProblem(String arch) {
        for (int i = 0; i < arch.length(); i++) {
            char c = arch.charAt(i);
            if (!Chars.isAsciiLowerOrDigit(c) && !(c == '-' && i > 0)) {
                return "is not an architecture name (a-z 0-9 -)";
            }
        }
        return null;
    }
}
