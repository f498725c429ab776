package org.minibuildd.debian;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception every parser of this package throws for malformed input.
 *
 * <p>It carries the parts a caller needs to explain the fault to a user (what was parsed, which field, which line,
 * what was wrong), so callers never have to pick apart message strings. The message reads like
 * {@code .changes line 7: field "Files": expected "<md5> <size> <section> <priority> <name>"}.
 */
public final class DebianFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String field;
    private final int line;
    private final String problem;

    /**
     * @param subject what was being parsed, e.g. {@code .changes} or {@code Version "1:abc"}
     * @param field   the field concerned, or {@code null}
     * @param line    1-based line number in the parsed text, or 0 when not applicable
     * @param problem what is wrong or what was expected
     */
    public DebianFormatException(String subject, String field, int line, String problem) {
        super(format(subject, field, line, problem));
        this.subject = subject;
        this.field = field;
        this.line = line;
        this.problem = problem;
    }

    public static DebianFormatException of(String subject, String problem) {
        return new DebianFormatException(subject, null, 0, problem);
    }

    private static String format(String subject, String field, int line, String problem) {
        var sb = new StringBuilder(subject);
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        if (field != null) {
            sb.append(": field \"").append(field).append('"');
        }
        return sb.append(": ").append(problem).toString();
    }

    public String subject() {
        return subject;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    public String problem() {
        return problem;
    }
}
