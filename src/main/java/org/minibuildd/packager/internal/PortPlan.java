package org.minibuildd.packager.internal;

import java.util.List;

import org.minibuildd.debian.Version;
import org.minibuildd.packager.PortResult;

/**
 * One port, checked and ready to make: fetch {@code dscUrl} (for a port of our own package: from our pool on disk;
 * {@code publicUrl} is where the repository serves it, the URL the result names), give it a changelog entry for {@code version} in
 * {@code distribution} (with {@code comments} and one {@code MINI_BUILDD_OPTION} line per option), and upload it.
 */
public record PortPlan(String dscUrl, String publicUrl, String source, String distribution, Version version, List<String> comments,
                       List<String> options, boolean allowUnauthenticated) {

    public PortPlan {
        comments = List.copyOf(comments);
        options = List.copyOf(options);
    }

    public PortResult result() {
        return new PortResult(publicUrl, source, distribution, version.toString());
    }
}
