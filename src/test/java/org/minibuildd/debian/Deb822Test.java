package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class Deb822Test {

    private static final String TEXT = """
            # a comment
            Package: hello
            version: 2.10-3
            Description: example
             continued
             .
             more\r
            
            \t
            Package: second
            Empty:
            Trailing: x\s
            """;

    @Test
    void readsFieldsCommentsAndContinuations() {
        List<Paragraph> ps = Deb822.parse(TEXT, "test");
        assertThat(ps).hasSize(2);
        Paragraph p = ps.getFirst();
        assertThat(p.fields()).extracting(Field::name).containsExactly("Package", "version", "Description");
        assertThat(p.get("VERSION")).contains("2.10-3");
        assertThat(p.get("description")).contains("example\n continued\n .\n more");
        assertThat(p.lines("Description")).containsExactly("example", "continued", ".", "more");
        assertThat(p.lineOf("Package")).isEqualTo(2);
        assertThat(p.lineOf("Description")).isEqualTo(4);
        assertThat(p.get("Missing")).isEmpty();
        assertThat(p.raw()).isEqualTo(TEXT.substring(0, TEXT.indexOf("\n\n") + 1));
        Paragraph q = ps.get(1);
        assertThat(q.lineOf("Package")).isEqualTo(10);
        assertThat(q.get("Empty")).contains("");
        assertThat(q.get("Trailing")).contains("x ");
        assertThat(q.text("Trailing")).contains("x");
        assertThat(q.serialize()).isEqualTo(q.raw());
        assertThat(p.serialize()).doesNotContain("#").contains("Description: example\n continued\n");
    }

    @Test
    void writerAndWith() {
        Paragraph p = Paragraph.of(List.of(new Field("Source", "x"), new Field("Files", "\n a 1 b")));
        assertThat(p.raw()).isEqualTo("Source: x\nFiles:\n a 1 b\n");
        assertThat(p.with("source", "y").raw()).isEqualTo("Source: y\nFiles:\n a 1 b\n");
        assertThat(p.with("New", "z").raw()).endsWith("New: z\n");
        assertThat(Deb822.write(List.of(p, p))).isEqualTo(p.raw() + "\n" + p.raw());
        assertThat(Deb822.parse(Deb822.write(List.of(p, p)), "t")).containsExactly(p, p);
    }

    @Test
    void streamsFromReader() {
        assertThat(Deb822.stream(new StringReader(TEXT), "t").count()).isEqualTo(2);
        assertThat(Deb822.parse("", "t")).isEmpty();
        assertThat(Deb822.parse("\n\n# only a comment\n\n", "t")).isEmpty();
        assertThat(Deb822.parse("A: 1", "t").getFirst().raw()).isEqualTo("A: 1");
    }

    @Test
    void faults() {
        assertThatThrownBy(() -> Deb822.parse("A: 1\nnot a field\n", "Packages"))
                .isInstanceOf(DebianFormatException.class)
                .hasMessage("Packages line 2: expected \"<Field>: <value>\", a continuation line or an empty line");
        assertThatThrownBy(() -> Deb822.parse(" cont\n", "t")).hasMessageContaining("line 1: continuation line");
        assertThatThrownBy(() -> Deb822.parse("A: 1\na: 2\n", "t"))
                .hasMessage("t line 2: field \"a\": duplicate field (first on line 1)");
        assertThatThrownBy(() -> Deb822.parse(": x\n", "t")).hasMessageContaining("field name must not be empty");
        assertThatThrownBy(() -> Deb822.parse("-A: x\n", "t")).hasMessageContaining("must not start with '-'");
        assertThatThrownBy(() -> Deb822.parse("A B: x\n", "t")).hasMessageContaining("invalid character");
        assertThatThrownBy(() -> Deb822.parseSingle("A: 1\n\nB: 2\n", ".dsc", 1))
                .hasMessage(".dsc: expected exactly one paragraph of fields, found 2");
        assertThatThrownBy(() -> new Field("A", "x\nB: smuggled")).isInstanceOf(DebianFormatException.class);
        assertThatThrownBy(() -> new Field("A", "x\n \n y")).isInstanceOf(DebianFormatException.class);
        assertThatThrownBy(() -> Paragraph.of(List.of(new Field("A", "1"), new Field("a", "2"))))
                .hasMessageContaining("duplicate field");
    }
}
