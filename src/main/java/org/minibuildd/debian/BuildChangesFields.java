package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.List;

/**
 * What build requests and build results share on the wire: the four control fields, mini-buildd's fields read
 * leniently (an absent field reads as its default, as the reference's builders do) and the {@code Files} list.
 */
final class BuildChangesFields {

    private BuildChangesFields() {
    }

    static UploadKey key(Changes changes) {
        return new UploadKey(changes.source(), changes.version().toString(), text(changes, MiniBuilddField.TIMECODE, ""));
    }

    static String text(Changes changes, MiniBuilddField field, String absent) {
        return changes.paragraph().text(field.fieldName()).orElse(absent);
    }

    static CheckMode mode(Changes changes, MiniBuilddField field, CheckMode absent) {
        return changes.paragraph().text(field.fieldName()).map(CheckMode::parse).orElse(absent);
    }

    /** Collects fields in wire order. */
    static final class Writer {
        private final List<Field> fields = new ArrayList<>();

        Writer(String distribution, UploadKey key, String architecture) {
            add("Distribution", distribution);
            add("Source", key.source());
            add("Version", key.version());
            add("Architecture", architecture);
            add(MiniBuilddField.TIMECODE, key.timecode());
        }

        Writer add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        Writer add(MiniBuilddField field, String value) {
            return add(field.fieldName(), value);
        }

        Writer files(List<FileEntry> files) {
            return add("Files", FileLists.filesValue(files));
        }

        Paragraph paragraph() {
            return Paragraph.of(fields);
        }
    }
}
