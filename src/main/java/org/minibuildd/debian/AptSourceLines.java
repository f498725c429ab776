package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One-line-style apt sources ({@code deb [options] uri suite component…}), as far as the question "are the lists
 * this line needs already there" goes: apt names its list files after the URI, the suite and each component, so a
 * line whose URI and suite another line has, with all its components, needs no lists of its own. Options (such as
 * {@code arch=} or {@code signed-by=}) are not compared: they do not change which lists apt keeps.
 */
public final class AptSourceLines {

    /** A parsed line: its type ({@code deb}, {@code deb-src}), URI without trailing slash, suite and components. */
    record Line(String type, String uri, String suite, Set<String> components) {

        boolean covers(Line other) {
            return type.equals(other.type) && uri.equals(other.uri) && suite.equals(other.suite)
                    && components.containsAll(other.components);
        }
    }

    private AptSourceLines() {
    }

    /**
     * The lines of {@code wanted} whose lists {@code present} does not provide (so apt must update them), in their
     * order and as written. Comments, blank lines and lines that are not one-line sources are left out.
     */
    public static List<String> notCoveredBy(String wanted, String present) {
        var have = parseAll(present).stream().map(Parsed::line).toList();
        var missing = new ArrayList<String>();
        for (var parsed : parseAll(wanted)) {
            if (have.stream().noneMatch(h -> h.covers(parsed.line()))) {
                missing.add(parsed.text());
            }
        }
        return missing;
    }

    private record Parsed(String text, Line line) { }

    private static List<Parsed> parseAll(String text) {
        var lines = new ArrayList<Parsed>();
        if (text != null) {
            text.lines().map(String::strip).forEach(l -> parse(l).ifPresent(p -> lines.add(new Parsed(l, p))));
        }
        return lines;
    }

    static Optional<Line> parse(String text) {
        var words = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
        if (words.isEmpty() || !(words.getFirst().equals("deb") || words.getFirst().equals("deb-src"))) {
            return Optional.empty();
        }
        var type = words.removeFirst();
        if (!words.isEmpty() && words.getFirst().startsWith("[")) {
            // Options run up to the word that ends with "]" (it may be the same word: "[]", "[arch=amd64]").
            while (!words.isEmpty() && !words.removeFirst().endsWith("]")) {
                // skip
            }
        }
        if (words.size() < 2) {
            return Optional.empty();
        }
        var uri = words.removeFirst().replaceAll("/+$", "");
        var suite = words.removeFirst();
        return Optional.of(new Line(type, uri, suite, new LinkedHashSet<>(words)));
    }
}
