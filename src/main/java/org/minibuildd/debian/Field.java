package org.minibuildd.debian;

/**
 * One deb822 field as written: {@code value} is the text after the colon with the first line's leading blanks
 * removed, followed by each continuation line verbatim (leading blank included), joined with {@code "\n"}.
 * Keeping continuation lines verbatim is what lets a paragraph be written back unchanged.
 */
public record Field(String name, String value) {

    public Field {
        Deb822.checkFieldName(name);
        // A value must not smuggle in a line that is not a continuation line (it would become a new field).
        int nl = value.indexOf('\n');
        while (nl >= 0) {
            int end = value.indexOf('\n', nl + 1);
            int lineEnd = end < 0 ? value.length() : end;
            char first = lineEnd > nl + 1 ? value.charAt(nl + 1) : '\n';
            if ((first != ' ' && first != '\t') || Chars.isBlank(value, nl + 1, lineEnd)) {
                throw DebianFormatException.of("deb822", "field \"" + name
                        + "\": every line after the first must start with a blank and must not be blank");
            }
            nl = end;
        }
    }

    /** The value without surrounding whitespace, for single-line fields. */
    public String text() {
        return value.strip();
    }

    /** Writes the field the way dpkg tools do: {@code Name: value}, or {@code Name:} when the first line is empty. */
    void appendTo(StringBuilder sb) {
        sb.append(name).append(':');
        if (!value.isEmpty() && value.charAt(0) != '\n') {
            sb.append(' ');
        }
        sb.append(value).append('\n');
    }
}
