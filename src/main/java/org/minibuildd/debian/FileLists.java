package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one parser for checksum file lists ({@code Files}, {@code Checksums-*}, and Release's {@code SHA256}),
 * shared by {@link Changes}, {@link Dsc}, {@link AptIndex} and {@link Release}.
 */
final class FileLists {

    private FileLists() {
    }

    /**
     * The value of a {@code .changes}' {@code Files} field listing {@code files}, one {@code md5 size section
     * priority name} line each (the first line empty), as dpkg writes it.
     */
    static String filesValue(List<FileEntry> files) {
        var value = new StringBuilder();
        for (FileEntry f : files) {
            value.append("\n ").append(f.md5()).append(' ').append(f.size()).append(' ').append(f.section())
                    .append(' ').append(f.priority()).append(' ').append(f.name());
        }
        return value.toString();
    }

    /** One line of a list; {@code line} is its line number in the parsed text (0 if unknown). */
    record Line(String hash, long size, String section, String priority, String name, int line) {
    }

    /**
     * Parses the given checksum lists and merges them by file name, checking that they list the same files with
     * the same sizes. Absent lists are skipped unless {@code required}.
     *
     * @param withSectionPriority whether {@code Files} lines carry section and priority (a {@code .changes})
     */
    static List<FileEntry> parse(Paragraph p, String subject, boolean withSectionPriority, Set<Checksum> required) {
        var lists = new EnumMap<Checksum, Map<String, Line>>(Checksum.class);
        for (Checksum kind : Checksum.values()) {
            if (!p.has(kind.field())) {
                if (required.contains(kind)) {
                    throw new DebianFormatException(subject, kind.field(), 0, "missing required field");
                }
                continue;
            }
            var byName = new LinkedHashMap<String, Line>();
            boolean sp = withSectionPriority && kind == Checksum.MD5;
            for (Line l : parseList(p, subject, kind.field(), kind.hexLength(), sp, false)) {
                if (byName.putIfAbsent(l.name(), l) != null) {
                    throw new DebianFormatException(subject, kind.field(), l.line(),
                            "file \"" + l.name() + "\" is listed twice");
                }
            }
            lists.put(kind, byName);
        }
        if (lists.isEmpty()) {
            return List.of();
        }
        Checksum primary = lists.keySet().iterator().next();
        Map<String, Line> first = lists.get(primary);
        for (var e : lists.entrySet()) {
            String field = e.getKey().field();
            for (Line l : e.getValue().values()) {
                Line f = first.get(l.name());
                if (f == null) {
                    throw new DebianFormatException(subject, field, l.line(),
                            "file \"" + l.name() + "\" is not listed in \"" + primary.field() + "\"");
                }
                if (f.size() != l.size()) {
                    throw new DebianFormatException(subject, field, l.line(), "file \"" + l.name() + "\": size "
                            + l.size() + " differs from " + f.size() + " in \"" + primary.field() + "\"");
                }
            }
            for (Line f : first.values()) {
                if (!e.getValue().containsKey(f.name())) {
                    throw new DebianFormatException(subject, field, p.lineOf(field),
                            "file \"" + f.name() + "\" listed in \"" + primary.field() + "\" is missing here");
                }
            }
        }
        var result = new ArrayList<FileEntry>(first.size());
        for (Line f : first.values()) {
            Line md5 = lists.getOrDefault(Checksum.MD5, Map.of()).get(f.name());
            result.add(new FileEntry(f.name(), f.size(), hash(lists, Checksum.MD5, f.name()),
                    hash(lists, Checksum.SHA1, f.name()), hash(lists, Checksum.SHA256, f.name()),
                    md5 == null ? "" : md5.section(), md5 == null ? "" : md5.priority()));
        }
        return List.copyOf(result);
    }

    private static String hash(Map<Checksum, Map<String, Line>> lists, Checksum kind, String name) {
        Map<String, Line> list = lists.get(kind);
        return list == null ? "" : list.get(name).hash();
    }

    /**
     * Parses the lines of one list field: {@code <hash> <size> [<section> <priority>] <name>}.
     *
     * @param paths whether names are relative paths (Release files) rather than plain {@link FileName}s
     */
    static List<Line> parseList(Paragraph p, String subject, String field, int hexLength, boolean withSectionPriority,
                                boolean paths) {
        String value = p.get(field).orElse("");
        int firstLine = p.lineOf(field);
        int tokens = withSectionPriority ? 5 : 3;
        String hashName = hexLength == 32 ? "md5" : hexLength == 40 ? "sha1" : "sha256";
        String expected = withSectionPriority ? "expected \"<" + hashName + "> <size> <section> <priority> <name>\""
                : "expected \"<" + hashName + "> <size> <name>\"";
        var result = new ArrayList<Line>();
        String[] rows = value.split("\n", -1);
        for (int r = 0; r < rows.length; r++) {
            String row = rows[r].strip();
            if (row.isEmpty()) {
                continue;
            }
            int line = firstLine > 0 ? firstLine + r : 0;
            String[] t = row.split("[ \t]+");
            if (t.length != tokens) {
                throw new DebianFormatException(subject, field, line, expected);
            }
            String hash = t[0];
            if (hash.length() != hexLength || !Chars.isHex(hash)) {
                throw new DebianFormatException(subject, field, line,
                        "checksum \"" + hash + "\" is not " + hexLength + " hexadecimal digits");
            }
            long size = parseSize(subject, field, line, t[1]);
            String name = t[tokens - 1];
            String problem = paths ? pathProblem(name) : FileName.problem(name);
            if (problem != null) {
                throw new DebianFormatException(subject, field, line, "file name \"" + name + "\" " + problem);
            }
            result.add(new Line(hash.toLowerCase(java.util.Locale.ROOT), size, withSectionPriority ? t[2] : "",
                    withSectionPriority ? t[3] : "", name, line));
        }
        return result;
    }

    private static long parseSize(String subject, String field, int line, String s) {
        boolean digits = !s.isEmpty() && s.length() <= 18;
        for (int i = 0; digits && i < s.length(); i++) {
            digits = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }
        if (!digits) {
            throw new DebianFormatException(subject, field, line, "size \"" + s + "\" is not a number of bytes");
        }
        return Long.parseLong(s);
    }

    private static String pathProblem(String path) {
        if (path.startsWith("/")) {
            return "must be a relative path";
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                return "must not contain empty, \".\" or \"..\" path parts";
            }
        }
        return null;
    }
}
