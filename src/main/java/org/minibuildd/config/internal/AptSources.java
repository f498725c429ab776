package org.minibuildd.config.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

import org.minibuildd.debian.Deb822;
import org.minibuildd.debian.DebianFormatException;
import org.springframework.stereotype.Component;

/**
 * Archive URLs this host's apt already uses: one-line {@code .list} files and deb822 {@code .sources} files.
 * Archive defaults come from here, as in mini-buildd.
 */
@Component
public class AptSources {

    private final Path etcApt;

    AptSources() {
        this(Path.of("/etc/apt"));
    }

    AptSources(Path etcApt) {
        this.etcApt = etcApt;
    }

    /** http(s) URIs of {@code deb} and {@code deb-src} lines, with exactly one trailing slash, in file order. */
    public List<String> archives() {
        var urls = new LinkedHashSet<String>();
        var files = new java.util.ArrayList<Path>();
        files.add(etcApt.resolve("sources.list"));
        try (Stream<Path> parts = Files.list(etcApt.resolve("sources.list.d"))) {
            parts.sorted().forEach(files::add);
        } catch (IOException e) {
            // no sources.list.d: only sources.list
        }
        for (var file : files) {
            try {
                var text = Files.readString(file, StandardCharsets.UTF_8);
                if (file.toString().endsWith(".sources")) {
                    fromDeb822(text, file, urls);
                } else if (file.toString().endsWith(".list")) {
                    fromOneLine(text, urls);
                }
            } catch (IOException | DebianFormatException e) {
                // An unreadable or broken file is apt's problem; it just adds no archives here.
            }
        }
        return List.copyOf(urls);
    }

    private static void fromOneLine(String text, LinkedHashSet<String> urls) {
        for (var line : text.lines().toList()) {
            var tokens = line.replaceAll("#.*", "").replaceAll("\\[[^]]*]", " ").trim().split("\\s+");
            if (tokens.length >= 3 && (tokens[0].equals("deb") || tokens[0].equals("deb-src"))) {
                add(tokens[1], urls);
            }
        }
    }

    private static void fromDeb822(String text, Path file, LinkedHashSet<String> urls) {
        for (var paragraph : Deb822.parse(text, file.toString())) {
            if (paragraph.text("Enabled").map(e -> e.strip().equals("no")).orElse(false)) {
                continue;
            }
            paragraph.text("URIs").ifPresent(uris -> {
                for (var uri : uris.trim().split("\\s+")) {
                    add(uri, urls);
                }
            });
        }
    }

    private static void add(String uri, LinkedHashSet<String> urls) {
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            urls.add(uri.replaceAll("/+$", "") + "/");
        }
    }
}
