package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One deb822 paragraph: its fields in order (looked up case-insensitively) and the exact text it was read from.
 *
 * <p>{@link #raw()} (also {@link #toString()}) reproduces the input byte for byte, comments included, so files
 * can be passed on unchanged; {@link #serialize()} writes the fields afresh, which equals the input for paragraphs
 * written the usual way ({@code Name: value}, no comments).
 */
public final class Paragraph {

    private final List<Field> fields;
    private final int[] lines;
    private final String raw;

    Paragraph(List<Field> fields, int[] lines, String raw) {
        this.fields = Collections.unmodifiableList(fields);
        this.lines = lines;
        this.raw = raw;
    }

    /** Builds a paragraph to be written; names must be unique (case-insensitively). */
    public static Paragraph of(List<Field> fields) {
        var copy = new ArrayList<Field>(fields.size());
        for (Field f : fields) {
            for (Field g : copy) {
                if (g.name().equalsIgnoreCase(f.name())) {
                    throw DebianFormatException.of("deb822", "duplicate field \"" + f.name() + "\"");
                }
            }
            copy.add(f);
        }
        var sb = new StringBuilder();
        copy.forEach(f -> f.appendTo(sb));
        return new Paragraph(copy, new int[copy.size()], sb.toString());
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value as stored (see {@link Field}), or empty if the field is absent. */
    public Optional<String> get(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(fields.get(i).value());
    }

    /** The value without surrounding whitespace, or empty if the field is absent. */
    public Optional<String> text(String name) {
        return get(name).map(String::strip);
    }

    /**
     * The non-blank lines of a multi-line field (first line included when not empty), each stripped; empty if
     * absent. This is how list fields such as {@code Files} are read.
     */
    public List<String> lines(String name) {
        var result = new ArrayList<String>();
        for (String line : get(name).orElse("").split("\n")) {
            String s = line.strip();
            if (!s.isEmpty()) {
                result.add(s);
            }
        }
        return result;
    }

    /** 1-based line number of the field's first line in the parsed text; 0 if absent or built in code. */
    public int lineOf(String name) {
        int i = indexOf(name);
        return i < 0 ? 0 : lines[i];
    }

    /** A copy with the field replaced (keeping its position) or appended. */
    public Paragraph with(String name, String value) {
        var copy = new ArrayList<>(fields);
        int i = indexOf(name);
        if (i < 0) {
            copy.add(new Field(name, value));
        } else {
            copy.set(i, new Field(copy.get(i).name(), value));
        }
        return of(copy);
    }

    public String raw() {
        return raw;
    }

    /** The fields written afresh as {@code Name: value} lines. */
    public String serialize() {
        var sb = new StringBuilder(raw.length());
        fields.forEach(f -> f.appendTo(sb));
        return sb.toString();
    }

    @Override
    public String toString() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Paragraph p && raw.equals(p.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    private int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
