package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A source package made by {@link TemplateSources} in a scratch directory of its own; closing it deletes the
 * directory, so made sources do not pile up under home.
 *
 * @param directory the scratch directory holding the .dsc and its tarball
 * @param dsc       the .dsc file
 */
public record MadeSource(String source, String version, Path directory, Path dsc) implements AutoCloseable {

    /** {@code file://…} of the .dsc, as mini-buildd hands its template packages to port_ext. */
    public String dscUrl() {
        return dsc.toUri().toString();
    }

    @Override
    public void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the made source's directory " + directory, e);
        }
    }
}
