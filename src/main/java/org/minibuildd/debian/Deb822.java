package org.minibuildd.debian;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads deb822 text (control files, apt index files) into {@link Paragraph}s.
 *
 * <p>Paragraphs are separated by lines that are empty or hold only blanks; lines starting with {@code #} are
 * comments; lines starting with a blank continue the previous field. Reading streams: an index file of any size
 * is read one paragraph at a time, each keeping its exact text.
 */
public final class Deb822 {

    private Deb822() {
    }

    /** Iterates the paragraphs of a stream; {@code subject} names the input in fault messages. */
    public static Iterator<Paragraph> iterate(Reader in, String subject) {
        return new Scanner(in, subject, 1);
    }

    public static Iterator<Paragraph> iterate(InputStream in, String subject) {
        return iterate(new InputStreamReader(in, StandardCharsets.UTF_8), subject);
    }

    public static Stream<Paragraph> stream(Reader in, String subject) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterate(in, subject),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    public static List<Paragraph> parse(String text, String subject) {
        return parse(text, subject, 1);
    }

    /** As {@link #parse(String, String)}, numbering lines from {@code firstLine} (text cut out of a bigger file). */
    public static List<Paragraph> parse(String text, String subject, int firstLine) {
        var result = new ArrayList<Paragraph>();
        new Scanner(new StringReader(text), subject, firstLine).forEachRemaining(result::add);
        return result;
    }

    /** Parses text that must hold exactly one paragraph, as a {@code .changes} or {@code .dsc} does. */
    public static Paragraph parseSingle(String text, String subject, int firstLine) {
        List<Paragraph> paragraphs = parse(text, subject, firstLine);
        if (paragraphs.size() != 1) {
            throw DebianFormatException.of(subject, "expected exactly one paragraph of fields, found "
                    + paragraphs.size());
        }
        return paragraphs.getFirst();
    }

    /** Writes paragraphs separated by one empty line (each paragraph as its {@link Paragraph#raw()} text). */
    public static String write(List<Paragraph> paragraphs) {
        var sb = new StringBuilder();
        for (Paragraph p : paragraphs) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(p.raw());
        }
        return sb.toString();
    }

    /** Policy 5.1: US-ASCII without controls, space and colon; not starting with '#' or '-'. */
    static void checkFieldName(String name) {
        String problem = fieldNameProblem(name);
        if (problem != null) {
            throw DebianFormatException.of("deb822", problem);
        }
    }

    private static String fieldNameProblem(String name) {
        if (name.isEmpty()) {
            return "field name must not be empty";
        }
        char first = name.charAt(0);
        if (first == '#' || first == '-') {
            return "field name \"" + name + "\" must not start with '" + first + "'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ':') {
                return "field name \"" + name + "\" contains invalid character " + Chars.quote(c);
            }
        }
        return null;
    }

    /** Splits a stream into paragraph texts line by line, then parses each paragraph's fields. */
    private static final class Scanner implements Iterator<Paragraph> {
        private final Reader in;
        private final String subject;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int limit;
        private boolean eof;
        private int nextLine;
        private Paragraph next;

        Scanner(Reader in, String subject, int firstLine) {
            this.in = in;
            this.subject = subject;
            this.nextLine = firstLine;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = scan();
            }
            return next != null;
        }

        @Override
        public Paragraph next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Paragraph p = next;
            next = null;
            return p;
        }

        private Paragraph scan() {
            var text = new StringBuilder(1024);
            while (true) {
                int startLine = 0;
                while (true) {
                    int mark = text.length();
                    if (!readLine(text)) {
                        break;
                    }
                    int line = nextLine++;
                    if (Chars.isBlank(text, mark, text.length())) {
                        text.setLength(mark);
                        if (!text.isEmpty()) {
                            break;
                        }
                    } else if (mark == 0) {
                        startLine = line;
                    }
                }
                if (text.isEmpty()) {
                    return null;
                }
                Paragraph p = parseFields(text.toString(), startLine);
                if (p != null) {
                    return p;
                }
                text.setLength(0); // only comments: not a paragraph, keep reading
            }
        }

        /** Appends the next line with its terminator; false at end of input. */
        private boolean readLine(StringBuilder sb) {
            boolean any = false;
            while (true) {
                if (pos == limit && !fill()) {
                    return any;
                }
                any = true;
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                if (pos < limit) {
                    pos++;
                    sb.append(buf, start, pos - start);
                    return true;
                }
                sb.append(buf, start, pos - start);
            }
        }

        private boolean fill() {
            if (eof) {
                return false;
            }
            try {
                int n = in.read(buf, 0, buf.length);
                if (n <= 0) {
                    eof = true;
                    return false;
                }
                pos = 0;
                limit = n;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Paragraph parseFields(String raw, int firstLine) {
            var fields = new ArrayList<Field>(24);
            var lines = new int[24];
            String name = null;
            int valueStart = 0;
            var value = new StringBuilder();
            int lineNo = firstLine;
            int start = 0;
            int len = raw.length();
            while (start < len) {
                int nl = raw.indexOf('\n', start);
                int end = nl < 0 ? len : nl;
                int contentEnd = end > start && raw.charAt(end - 1) == '\r' ? end - 1 : end;
                char c = raw.charAt(start);
                if (c == '#') {
                    // comment line: kept in the raw text only
                } else if (c == ' ' || c == '\t') {
                    if (name == null) {
                        throw new DebianFormatException(subject, null, lineNo,
                                "continuation line (starting with a blank) before any field");
                    }
                    value.append('\n').append(raw, start, contentEnd);
                } else {
                    if (name != null) {
                        add(fields, name, value, lines, valueStart);
                        lines = grow(lines, fields.size());
                    }
                    int colon = raw.indexOf(':', start);
                    if (colon < 0 || colon >= contentEnd) {
                        throw new DebianFormatException(subject, null, lineNo,
                                "expected \"<Field>: <value>\", a continuation line or an empty line");
                    }
                    name = raw.substring(start, colon);
                    String problem = fieldNameProblem(name);
                    if (problem != null) {
                        throw new DebianFormatException(subject, null, lineNo, problem);
                    }
                    for (Field f : fields) {
                        if (f.name().equalsIgnoreCase(name)) {
                            throw new DebianFormatException(subject, name, lineNo,
                                    "duplicate field (first on line " + lines[fields.indexOf(f)] + ")");
                        }
                    }
                    int v = colon + 1;
                    while (v < contentEnd && (raw.charAt(v) == ' ' || raw.charAt(v) == '\t')) {
                        v++;
                    }
                    value.setLength(0);
                    value.append(raw, v, contentEnd);
                    valueStart = lineNo;
                }
                start = end + 1;
                lineNo++;
            }
            if (name != null) {
                add(fields, name, value, lines, valueStart);
            }
            return fields.isEmpty() ? null : new Paragraph(fields, Arrays.copyOf(lines, fields.size()), raw);
        }

        private static void add(List<Field> fields, String name, StringBuilder value, int[] lines, int line) {
            lines[fields.size()] = line;
            fields.add(new Field(name, value.toString()));
        }

        private static int[] grow(int[] lines, int size) {
            return size < lines.length ? lines : Arrays.copyOf(lines, lines.length * 2);
        }
    }
}
