package org.minibuildd.debian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The machine's apt index files (Packages, Sources), decompressed once with apt's own helper. */
final class AptLists {

    static final Path DIR = Path.of("/var/lib/apt/lists");
    private static Map<Path, String> cache;

    private AptLists() {
    }

    /** Every Packages/Sources file as text; fails (never skips) when there are none. */
    static synchronized Map<Path, String> texts() {
        if (cache == null) {
            var result = new LinkedHashMap<Path, String>();
            try (Stream<Path> files = Files.list(DIR)) {
                for (Path p : files.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (Files.isRegularFile(p) && (name.contains("_Packages") || name.contains("_Sources"))
                            && !name.contains(".diff")) {
                        result.put(p, decompress(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (result.isEmpty()) {
                throw new AssertionError("no apt Packages/Sources lists found in " + DIR
                        + " (run apt-get update first)");
            }
            cache = result;
        }
        return cache;
    }

    private static String decompress(Path p) throws IOException {
        var pb = new ProcessBuilder("/usr/lib/apt/apt-helper", "cat-file", p.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process proc = pb.start();
        byte[] bytes = proc.getInputStream().readAllBytes();
        try {
            if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                throw new AssertionError("apt-helper cat-file failed for " + p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
