package org.minibuildd.debian;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code .changes} file (Debian policy 5.5), clearsigned or not; the signature is split off, not verified.
 *
 * <p>{@link #parse} is for uploads and requires the policy fields; {@link #parseInternal} is for mini-buildd's own
 * build requests and results, which carry only Distribution, Source, Version, Architecture and a {@code Files}
 * list (like the reference, which requires only those four).
 */
public final class Changes {

    static final String SUBJECT = ".changes";

    private static final List<String> UPLOAD_FIELDS = List.of("Format", "Date", "Source", "Architecture", "Version",
            "Distribution", "Maintainer", "Changed-By", "Changes", "Checksums-Sha1", "Checksums-Sha256", "Files");
    private static final List<String> INTERNAL_FIELDS = List.of("Distribution", "Source", "Version", "Architecture");

    private final String original;
    private final ClearSigned envelope;
    private final Paragraph paragraph;
    private final String source;
    private final Version version;
    private final String distribution;
    private final List<String> architectures;
    private final List<String> binaries;
    private final List<FileEntry> files;

    private Changes(String original, boolean upload) {
        this.original = original;
        this.envelope = ClearSigned.parse(original, SUBJECT);
        this.paragraph = Deb822.parseSingle(envelope.content(), SUBJECT, envelope.contentLine());
        ControlFields.require(paragraph, SUBJECT, upload ? UPLOAD_FIELDS : INTERNAL_FIELDS);
        this.source = ControlFields.source(paragraph, SUBJECT);
        this.version = ControlFields.version(paragraph, SUBJECT);
        this.distribution = ControlFields.text(paragraph, SUBJECT, "Distribution");
        this.architectures = ControlFields.words(paragraph, SUBJECT, "Architecture", false);
        if (architectures.isEmpty()) {
            throw new DebianFormatException(SUBJECT, "Architecture", paragraph.lineOf("Architecture"),
                    "must not be empty");
        }
        if (upload && !isSourceOnly()) {
            // Policy: source-only uploads omit Binary and Description; any upload with binaries needs them.
            ControlFields.require(paragraph, SUBJECT, List.of("Binary", "Description"));
        }
        this.binaries = ControlFields.words(paragraph, SUBJECT, "Binary", true);
        this.files = FileLists.parse(paragraph, SUBJECT, true,
                upload ? Set.of(Checksum.MD5, Checksum.SHA1, Checksum.SHA256) : Set.of());
    }

    /** Parses an uploaded {@code .changes}; faults are {@link DebianFormatException}s naming field and line. */
    public static Changes parse(String text) {
        return new Changes(text, true);
    }

    /** Parses one of mini-buildd's build request / build result {@code .changes}. */
    public static Changes parseInternal(String text) {
        return new Changes(text, false);
    }

    public String source() {
        return source;
    }

    public Version version() {
        return version;
    }

    /** The {@code Distribution} field as written (a distribution string or a meta distribution). */
    public String distribution() {
        return distribution;
    }

    public List<String> architectures() {
        return architectures;
    }

    public boolean isSourceOnly() {
        return architectures.equals(List.of("source"));
    }

    public List<String> binaries() {
        return binaries;
    }

    /** The {@code Changes} field (the changelog entries), or {@code ""} if absent. */
    public String changes() {
        return paragraph.get("Changes").orElse("");
    }

    public Optional<String> changedBy() {
        return paragraph.text("Changed-By");
    }

    public Optional<String> maintainer() {
        return paragraph.text("Maintainer");
    }

    public List<FileEntry> files() {
        return files;
    }

    /** The {@code .dsc} among the files, if this upload carries source. */
    public Optional<FileEntry> dsc() {
        return files.stream().filter(f -> f.name().endsWith(".dsc")).findFirst();
    }

    /** Any field, looked up case-insensitively. */
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

    /** The text as received, signature included. */
    public String original() {
        return original;
    }

    @Override
    public String toString() {
        return source + "_" + version.withoutEpoch() + "_" + String.join("+", architectures) + ".changes";
    }
}
