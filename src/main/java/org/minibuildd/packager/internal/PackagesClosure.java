package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The part of large Packages lists (Debian's: 60 000 entries) that a few packages can reach through
 * {@code Depends} and {@code Pre-Depends}, by name or through {@code Provides}. dose-debcheck spends seconds just
 * reading a whole Debian list; handed only the closure, it answers in milliseconds with the same verdict. Each list
 * is indexed once per modification (name → entry offsets), so memory holds offsets, not entries.
 */
@Component
class PackagesClosure {

    private record Entry(Path file, long offset, int length) { }

    private record Index(FileTime modified, long size, Map<String, List<Entry>> byName) { }

    private final Map<Path, Index> indices = new ConcurrentHashMap<>();

    /**
     * The entries of {@code lists} reachable from the relations of {@code roots} (paragraph texts), as the text of
     * a Packages file.
     */
    String closure(List<String> roots, List<Path> lists) {
        var indexes = lists.stream().map(this::index).toList();
        var seen = new HashSet<String>();
        var taken = new LinkedHashSet<Entry>();
        var queue = new ArrayDeque<String>();
        roots.forEach(r -> queue.addAll(relations(r)));
        var out = new StringBuilder();
        while (!queue.isEmpty()) {
            var name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            for (var index : indexes) {
                for (var entry : index.byName().getOrDefault(name, List.of())) {
                    if (taken.add(entry)) {
                        var text = read(entry);
                        out.append(text.strip()).append("\n\n");
                        queue.addAll(relations(text));
                    }
                }
            }
        }
        return out.toString();
    }

    /** Package names a paragraph's Depends and Pre-Depends name (alternatives included, versions and arch qualifiers dropped). */
    static Set<String> relations(String paragraph) {
        var names = new LinkedHashSet<String>();
        for (var field : List.of("Depends", "Pre-Depends")) {
            var value = field(paragraph, field);
            if (value == null) {
                continue;
            }
            for (var alternative : value.split("[,|]")) {
                var name = alternative.strip().split("[\\s(\\[<]", 2)[0];
                var colon = name.indexOf(':');
                name = colon >= 0 ? name.substring(0, colon) : name;
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** A field's value, continuation lines joined; null when absent. */
    static String field(String paragraph, String name) {
        String value = null;
        for (var line : paragraph.split("\n")) {
            if (value != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                value += " " + line.strip();
            } else if (value != null) {
                return value;
            } else if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                value = line.substring(name.length() + 1).strip();
            }
        }
        return value;
    }

    private Index index(Path file) {
        try {
            var modified = Files.getLastModifiedTime(file);
            var size = Files.size(file);
            var known = indices.get(file);
            if (known != null && known.modified().equals(modified) && known.size() == size) {
                return known;
            }
            var index = new Index(modified, size, scan(file));
            indices.put(file, index);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One pass over the file: each entry's offset and length under its Package name and every name it Provides. */
    private static Map<String, List<Entry>> scan(Path file) throws IOException {
        var byName = new HashMap<String, List<Entry>>();
        var bytes = Files.readAllBytes(file);
        int start = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, start);
            var text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            var entry = new Entry(file, start, end - start);
            var names = new ArrayList<String>();
            var pkg = field(text, "Package");
            if (pkg != null) {
                names.add(pkg);
            }
            var provides = field(text, "Provides");
            if (provides != null) {
                for (var provided : provides.split(",")) {
                    names.add(provided.strip().split("[\\s(]", 2)[0]);
                }
            }
            names.forEach(n -> byName.computeIfAbsent(n, k -> new ArrayList<>(1)).add(entry));
            start = end;
            while (start < bytes.length && bytes[start] == '\n') {
                start++;
            }
        }
        return byName;
    }

    /** The end of the entry starting at {@code from}: its blank line, or the end of the file. */
    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static String read(Entry entry) {
        try (var file = new RandomAccessFile(entry.file().toFile(), "r")) {
            var bytes = new byte[entry.length()];
            file.seek(entry.offset());
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
