package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top entry of a {@code debian/changelog} (policy 4.4): the header line, the body, and the trailer line.
 *
 * @param keywords the header's {@code key=value} pairs after the {@code ;} (e.g. {@code urgency}), in order
 * @param body     the lines between header and trailer, leading and trailing empty lines removed
 * @param maintainer {@code Name <email>} from the trailer
 * @param date     the RFC 5322 date from the trailer, as written
 */
public record ChangelogEntry(String source, Version version, List<String> distributions, Map<String, String> keywords,
                             List<String> body, String maintainer, String date) {

    static final String SUBJECT = "debian/changelog";

    // dpkg's header syntax: "<source> (<version>) <dist> [<dist>...]; <key>=<value>[, ...]"
    private static final Pattern HEADER = Pattern.compile(
            "([a-z0-9][a-z0-9.+-]*) \\(([^() \\t]+)\\)((?:[ \\t]+[A-Za-z0-9.+-]+)+);(.*)");
    private static final Pattern KEYWORD = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)=(\\S+)");
    private static final Pattern TRAILER = Pattern.compile(" -- (.*<[^<>]*>) ?( .*)");

    public ChangelogEntry {
        distributions = List.copyOf(distributions);
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        body = List.copyOf(body);
    }

    /** Parses the first entry of a changelog text; later entries are not read. */
    public static ChangelogEntry parseFirst(String text) {
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            throw DebianFormatException.of(SUBJECT, "no changelog entry found");
        }
        int headerLine = i + 1;
        Matcher h = HEADER.matcher(lines[i]);
        if (!h.matches()) {
            throw new DebianFormatException(SUBJECT, null, headerLine,
                    "expected \"<source> (<version>) <distribution>; urgency=<urgency>\"");
        }
        String problem = PackageName.problem(h.group(1));
        if (problem != null) {
            throw new DebianFormatException(SUBJECT, null, headerLine, "source \"" + h.group(1) + "\" " + problem);
        }
        Version version;
        try {
            version = Version.parse(h.group(2));
        } catch (DebianFormatException e) {
            throw new DebianFormatException(SUBJECT, null, headerLine, e.getMessage());
        }
        List<String> dists = List.of(h.group(3).strip().split("[ \\t]+"));
        var keywords = new LinkedHashMap<String, String>();
        for (String kv : h.group(4).split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            Matcher k = KEYWORD.matcher(kv.strip());
            if (!k.matches()) {
                throw new DebianFormatException(SUBJECT, null, headerLine,
                        "expected \"<key>=<value>\" after ';', got \"" + kv.strip() + "\"");
            }
            if (keywords.putIfAbsent(k.group(1).toLowerCase(java.util.Locale.ROOT), k.group(2)) != null) {
                throw new DebianFormatException(SUBJECT, null, headerLine,
                        "keyword \"" + k.group(1) + "\" given twice");
            }
        }
        var body = new ArrayList<String>();
        for (i++; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(" -- ")) {
                Matcher t = TRAILER.matcher(line);
                if (!t.matches() || t.group(2).isBlank()) {
                    throw new DebianFormatException(SUBJECT, null, i + 1,
                            "expected trailer \" -- <name> <<email>>  <date>\"");
                }
                while (!body.isEmpty() && body.getLast().isBlank()) {
                    body.removeLast();
                }
                return new ChangelogEntry(h.group(1), version, dists, keywords, body, t.group(1).strip(),
                        t.group(2).strip());
            }
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                throw new DebianFormatException(SUBJECT, null, i + 1,
                        "expected an indented change line or the trailer \" -- <name> <<email>>  <date>\"");
            }
            if (!(body.isEmpty() && line.isBlank())) {
                body.add(line);
            }
        }
        throw new DebianFormatException(SUBJECT, null, lines.length,
                "missing trailer \" -- <name> <<email>>  <date>\" of the first entry");
    }

    public Optional<String> urgency() {
        return Optional.ofNullable(keywords.get("urgency"));
    }

    /** The {@code MINI_BUILDD_OPTION} lines of this entry. */
    public UploadOptions uploadOptions() {
        return UploadOptions.parse(body);
    }

    /**
     * Adds {@code items} as {@code "  * <item>"} lines at the end of the first entry of a changelog text, each on one
     * line whatever its length ({@code debchange} would wrap a long upload option, which then no longer parses).
     */
    public static String appendToFirst(String text, List<String> items) {
        if (items.isEmpty()) {
            return text;
        }
        var lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int trailer = 0;
        while (trailer < lines.size() && !TRAILER.matcher(lines.get(trailer)).matches()) {
            trailer++;
        }
        if (trailer == lines.size()) {
            throw DebianFormatException.of(SUBJECT, "the first entry has no trailer line (\" -- <maintainer>  <date>\")");
        }
        int at = trailer;
        while (at > 0 && lines.get(at - 1).isBlank()) {
            at--;
        }
        lines.addAll(at, items.stream().map(item -> "  * " + item).toList());
        return String.join("\n", lines);
    }
}
