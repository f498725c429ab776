package org.minibuildd.debian;

import java.io.Reader;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads apt {@code Packages} and {@code Sources} index files one entry at a time. */
public final class AptIndex {

    private AptIndex() {
    }

    /** One index entry: its package name and version, and the whole paragraph for anything else. */
    public record Entry(String name, Version version, Paragraph paragraph) {
    }

    public static Stream<Entry> packages(Reader in) {
        return entries(in, "Packages");
    }

    public static Stream<Entry> sources(Reader in) {
        return entries(in, "Sources");
    }

    /** A {@code Sources} entry's files, with the same checks as a {@code .dsc}. */
    public static List<FileEntry> sourceFiles(Paragraph sourcesEntry) {
        return FileLists.parse(sourcesEntry, "Sources", false, Set.of(Checksum.MD5));
    }

    private static Stream<Entry> entries(Reader in, String subject) {
        return Deb822.stream(in, subject).map(p -> entry(p, subject));
    }

    private static Entry entry(Paragraph p, String subject) {
        String name = p.text("Package").orElseThrow(() -> new DebianFormatException(subject, "Package",
                p.lineOf("Version"), "missing required field"));
        String version = p.text("Version").orElseThrow(() -> new DebianFormatException(subject, "Version",
                p.lineOf("Package"), "missing required field"));
        try {
            return new Entry(name, Version.parse(version), p);
        } catch (DebianFormatException e) {
            throw new DebianFormatException(subject, "Version", p.lineOf("Version"), e.getMessage());
        }
    }
}
