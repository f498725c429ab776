package org.minibuildd.debian;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Debian source control file ({@code .dsc}, policy 5.4), clearsigned or not; the signature is not verified. */
public final class Dsc {

    static final String SUBJECT = ".dsc";

    private static final List<String> REQUIRED = List.of("Format", "Source", "Version", "Maintainer",
            "Checksums-Sha256", "Files");

    private final String original;
    private final ClearSigned envelope;
    private final Paragraph paragraph;
    private final String source;
    private final Version version;
    private final List<String> binaries;
    private final List<String> architectures;
    private final List<FileEntry> files;

    private Dsc(String original) {
        this.original = original;
        this.envelope = ClearSigned.parse(original, SUBJECT);
        this.paragraph = Deb822.parseSingle(envelope.content(), SUBJECT, envelope.contentLine());
        ControlFields.require(paragraph, SUBJECT, REQUIRED);
        ControlFields.text(paragraph, SUBJECT, "Format");
        this.source = ControlFields.source(paragraph, SUBJECT);
        this.version = ControlFields.version(paragraph, SUBJECT);
        this.binaries = ControlFields.words(paragraph, SUBJECT, "Binary", true);
        this.architectures = ControlFields.words(paragraph, SUBJECT, "Architecture", false);
        this.files = FileLists.parse(paragraph, SUBJECT, false, Set.of(Checksum.MD5, Checksum.SHA256));
    }

    public static Dsc parse(String text) {
        return new Dsc(text);
    }

    public String format() {
        return paragraph.text("Format").orElseThrow();
    }

    public String source() {
        return source;
    }

    public Version version() {
        return version;
    }

    public List<String> binaries() {
        return binaries;
    }

    public List<String> architectures() {
        return architectures;
    }

    public List<FileEntry> files() {
        return files;
    }

    public Optional<String> buildDepends() {
        return paragraph.text("Build-Depends");
    }

    public Optional<String> get(String field) {
        return paragraph.text(field);
    }

    public Paragraph paragraph() {
        return paragraph;
    }

    public ClearSigned envelope() {
        return envelope;
    }

    public boolean signed() {
        return envelope.signed();
    }

    public String original() {
        return original;
    }

    /** The name dpkg gives this file: {@code <source>_<version without epoch>.dsc}. */
    public String fileName() {
        return source + "_" + version.withoutEpoch() + ".dsc";
    }
}
