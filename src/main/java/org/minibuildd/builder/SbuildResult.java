package org.minibuildd.builder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a build left: sbuild's summary (the {@code X-Mini-Buildd-Sbuild-*} fields of a build result come from it)
 * and the files it produced.
 *
 * @param summary  sbuild's summary fields by name ({@code Status}, {@code Lintian}, {@code Build-Time},
 *                 {@code Package-Time}, {@code Build-Space}, {@code Space}, …) as sbuild wrote them
 * @param exitCode sbuild's exit code; -1 when it was cancelled or timed out
 * @param logTail  the last lines of the build log, for a failure message
 */
public record SbuildResult(Map<String, String> summary, int exitCode, Path changes, Path buildinfo, List<Path> debs,
                           Path log, String logTail) {

    /** What {@link #status()} says of a build that was cancelled (sbuild itself never got to write a summary). */
    public static final String CANCELLED = "cancelled";

    public SbuildResult {
        summary = Map.copyOf(summary);
        debs = List.copyOf(debs);
    }

    /** successful, failed, attempted, given-back, skipped (sbuild's words), or {@link #CANCELLED}. */
    public String status() {
        return summary.getOrDefault("Status", "failed");
    }

    /** pass, info, warn, error, fail, skipped…; empty when lintian did not run. */
    public String lintian() {
        return summary.getOrDefault("Lintian", "");
    }

    /** pass, fail, neutral, no tests (sbuild's words); empty when autopkgtest did not run. */
    public String autopkgtest() {
        return summary.getOrDefault("Autopkgtest", "");
    }

    /** pass or fail (sbuild's words); empty when piuparts did not run. */
    public String piuparts() {
        return summary.getOrDefault("Piuparts", "");
    }

    public String buildTime() {
        return summary.getOrDefault("Build-Time", "");
    }

    public String packageTime() {
        return summary.getOrDefault("Package-Time", "");
    }

    public String buildSpace() {
        return summary.getOrDefault("Build-Space", "");
    }

    public String space() {
        return summary.getOrDefault("Space", "");
    }

    public boolean successful() {
        return "successful".equals(status());
    }
}
