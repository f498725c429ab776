package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.minibuildd.debian.AptSourceLines;

/**
 * What apt must update in a build's session. The base chroot's lists are kept fresh by prepare and the upgrade job,
 * which note the time in the base ({@link #STAMP}); a build's session starts with those lists, so apt only needs
 * the lines of the request the base has no lists for: our repository's (new with every upload) and any other
 * source the base does not carry, in its sources.list or among the lines it keeps lists of only
 * ({@link #LIST_ONLY_SOURCES}). sbuild's own update would fetch every line again: a few seconds of round trips to
 * the Debian mirrors per build. When the base's lists are older than a day and an hour (the upgrade job did not
 * run, the daemon was down) or cannot be read (File backend), every line is updated, as sbuild would.
 */
public final class BaseAptLists {

    /** Touched in the base, relative to its root, each time its apt lists were updated. */
    public static final String STAMP = "var/lib/mini-buildd/apt-lists-updated";

    /** Lines the base keeps the lists of without upgrading from them (e.g. backports), relative to its root. */
    public static final String LIST_ONLY_SOURCES = "etc/apt/mini-buildd-lists-only.list";

    static final Duration FRESH = Duration.ofHours(25);

    private final String baseSources;

    private BaseAptLists(String baseSources) {
        this.baseSources = baseSources;
    }

    public static BaseAptLists of(ChrootPaths paths) {
        return of(paths.tree(), Instant.now());
    }

    static BaseAptLists of(Path tree, Instant now) {
        try {
            var stamp = tree.resolve(STAMP);
            var sources = tree.resolve("etc/apt/sources.list");
            if (Files.isRegularFile(stamp) && Files.isRegularFile(sources)
                    && Files.getLastModifiedTime(stamp).toInstant().isAfter(now.minus(FRESH))) {
                var listOnly = tree.resolve(LIST_ONLY_SOURCES);
                return new BaseAptLists(Files.readString(sources)
                        + (Files.isRegularFile(listOnly) ? Files.readString(listOnly) : ""));
            }
        } catch (IOException e) {
            // unreadable: treated as unknown
        }
        return new BaseAptLists(null);
    }

    /** The sources.list for the session's apt update: the request's lines the base has no fresh lists for. */
    public String toUpdate(String requestSources) {
        if (baseSources == null) {
            return requestSources;
        }
        var lines = AptSourceLines.notCoveredBy(requestSources, baseSources);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
