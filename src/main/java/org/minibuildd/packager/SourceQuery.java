package org.minibuildd.packager;

import java.util.List;

/**
 * Which versions of a source package {@code ls} and {@code show} look at.
 *
 * @param repositories repository identities; empty: all
 * @param codenames    codenames; empty: all
 * @param version      exactly this version; blank: any
 * @param minVersion   this version or greater; blank: any
 */
public record SourceQuery(String source, List<String> repositories, List<String> codenames, String version, String minVersion) {

    public SourceQuery {
        repositories = List.copyOf(repositories);
        codenames = List.copyOf(codenames);
        version = version == null ? "" : version.strip();
        minVersion = minVersion == null ? "" : minVersion.strip();
    }

    public static SourceQuery of(String source) {
        return new SourceQuery(source, List.of(), List.of(), "", "");
    }
}
