import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.minibuildd.debian.Deb822;
import org.minibuildd.debian.Paragraph;
import org.minibuildd.debian.Version;

/**
 * Parses every paragraph of the given (already decompressed) apt lists with our Deb822 reader and sorts all their
 * versions with our Version; prints paragraphs/s and versions sorted/s as "java <metric> <value>" lines.
 * Usage: java -cp <classes> DebianCoreBench.java <rounds> <file>...
 */
public class DebianCoreBench {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        var texts = new ArrayList<String>();
        for (int i = 1; i < args.length; i++) {
            texts.add(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
        }
        for (int warm = 0; warm < 3; warm++) {
            round(texts);
        }
        long paragraphs = 0;
        long versions = 0;
        long parseNanos = 0;
        long sortNanos = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            var strings = new ArrayList<String>();
            for (String text : texts) {
                Iterator<Paragraph> it = Deb822.iterate(new StringReader(text), "bench");
                while (it.hasNext()) {
                    strings.add(it.next().text("Version").orElse("0"));
                    paragraphs++;
                }
            }
            long t1 = System.nanoTime();
            var parsed = new ArrayList<Version>(strings.size());
            for (String s : strings) {
                parsed.add(Version.parse(s));
            }
            parsed.sort(null);
            long t2 = System.nanoTime();
            versions += parsed.size();
            parseNanos += t1 - t0;
            sortNanos += t2 - t1;
        }
        System.out.printf("java paragraphs_per_s %.0f%n", paragraphs / (parseNanos / 1e9));
        System.out.printf("java versions_sorted_per_s %.0f%n", versions / (sortNanos / 1e9));
        System.out.printf("java paragraphs %d versions %d rounds %d%n", paragraphs / rounds, versions / rounds, rounds);
    }

    private static void round(List<String> texts) {
        var versions = new ArrayList<Version>();
        for (String text : texts) {
            Deb822.iterate(new StringReader(text), "bench")
                    .forEachRemaining(p -> versions.add(Version.parse(p.text("Version").orElse("0"))));
        }
        versions.sort(null);
    }
}
