package org.minibuildd.debian;

import java.util.List;
import java.util.Optional;

/** An apt {@code Release} or {@code InRelease} file (clearsigned or not; the signature is not verified). */
public final class Release {

    static final String SUBJECT = "Release";

    /** One index file listed in the {@code SHA256} field. */
    public record IndexFile(String path, long size, String sha256) {
    }

    private final ClearSigned envelope;
    private final Paragraph paragraph;
    private final List<IndexFile> sha256;

    private Release(String text) {
        this.envelope = ClearSigned.parse(text, SUBJECT);
        this.paragraph = Deb822.parseSingle(envelope.content(), SUBJECT, envelope.contentLine());
        if (!paragraph.has("Suite") && !paragraph.has("Codename")) {
            throw DebianFormatException.of(SUBJECT, "needs a \"Suite\" or a \"Codename\" field");
        }
        this.sha256 = FileLists.parseList(paragraph, SUBJECT, "SHA256", 64, false, true).stream()
                .map(l -> new IndexFile(l.name(), l.size(), l.hash())).toList();
    }

    public static Release parse(String text) {
        return new Release(text);
    }

    public Optional<String> origin() {
        return paragraph.text("Origin");
    }

    public Optional<String> label() {
        return paragraph.text("Label");
    }

    public Optional<String> suite() {
        return paragraph.text("Suite");
    }

    public Optional<String> codename() {
        return paragraph.text("Codename");
    }

    /** The release version (e.g. {@code 12.8}); absent for rolling distributions such as sid. */
    public Optional<String> version() {
        return paragraph.text("Version").filter(v -> !v.isEmpty());
    }

    public Optional<String> date() {
        return paragraph.text("Date");
    }

    public List<String> architectures() {
        return words("Architectures");
    }

    public List<String> components() {
        return words("Components");
    }

    public List<IndexFile> sha256() {
        return sha256;
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

    private List<String> words(String field) {
        String v = paragraph.text(field).orElse("");
        return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
    }
}
