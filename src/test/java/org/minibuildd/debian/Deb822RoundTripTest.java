package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every paragraph of every apt list on the machine reads and writes back byte for byte. */
class Deb822RoundTripTest {

    @Test
    void everyAptListParagraphRoundTrips() {
        long paragraphs = 0;
        long serialized = 0;
        for (Map.Entry<Path, String> e : AptLists.texts().entrySet()) {
            String text = e.getValue();
            var raws = new ArrayList<String>();
            Iterator<Paragraph> it = Deb822.iterate(new StringReader(text), e.getKey().toString());
            while (it.hasNext()) {
                Paragraph p = it.next();
                raws.add(p.raw());
                // Apt lists contain no comments and use "Name: value", so the writer must give the same bytes.
                assertThat(p.serialize()).as("serialised paragraph %d of %s", raws.size(), e.getKey())
                        .isEqualTo(p.raw());
                assertThat(Paragraph.of(p.fields()).raw()).isEqualTo(p.raw());
                serialized++;
            }
            String joined = String.join("\n", raws);
            assertThat(text.equals(joined) || text.equals(joined + "\n"))
                    .as("paragraphs of %s joined by empty lines reproduce the file", e.getKey()).isTrue();
            paragraphs += raws.size();
        }
        System.out.printf("Deb822RoundTripTest: %d paragraphs of %d files round-tripped (%d re-serialised)%n",
                paragraphs, AptLists.texts().size(), serialized);
        assertThat(paragraphs).isGreaterThan(1000);
    }

    @Test
    void aptIndexReadsEveryEntry() {
        long entries = 0;
        for (String text : AptLists.texts().values()) {
            entries += AptIndex.packages(new StringReader(text)).peek(e -> {
                assertThat(e.name()).isNotEmpty();
                assertThat(e.paragraph().text("Package")).contains(e.name());
            }).count();
        }
        assertThat(entries).isGreaterThan(1000);
    }
}
