package org.minibuildd.packager.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A native source package the daemon makes itself (the keyring package, the test packages), before it has a
 * version: its files by path below the package directory ({@code debian/control}, …), without
 * {@code debian/changelog}, which {@link TemplateSources} writes with debchange.
 *
 * @param source      the source package name
 * @param files       file contents by relative path, in the order they are written
 * @param executables the relative paths that get mode 0755
 */
public record SourceTemplate(String source, Map<String, byte[]> files, Set<String> executables) {

    public SourceTemplate {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        executables = Set.copyOf(executables);
        if (files.containsKey("debian/changelog")) {
            throw new IllegalArgumentException("the changelog of a made source comes from debchange, not from its template");
        }
    }

    /** Collects a template's files. */
    static Builder of(String source) {
        return new Builder(source);
    }

    static final class Builder {
        private final String source;
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Set<String> executables = new LinkedHashSet<>();

        private Builder(String source) {
            this.source = source;
        }

        Builder text(String path, String content) {
            return bytes(path, content.getBytes(StandardCharsets.UTF_8));
        }

        Builder bytes(String path, byte[] content) {
            files.put(path, content);
            return this;
        }

        Builder executable(String path, String content) {
            executables.add(path);
            return text(path, content);
        }

        SourceTemplate build() {
            return new SourceTemplate(source, files, executables);
        }
    }
}
