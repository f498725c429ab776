package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.minibuildd.builder.SbuildResult;

/**
 * A build that never got its schroot session: sbuild's {@code Fail-Stage: create-session} (the chroot is not
 * registered with schroot, or schroot cannot open it). The package was never looked at, so this is the builder's
 * fault, never the package's: the worker checks the chroot and lets the build wait for a working one.
 */
final class SessionFailure {

    private SessionFailure() {
    }

    /** Why the session could not be made (schroot's and sbuild's error lines), when that is how the build ended. */
    static Optional<String> of(SbuildResult result) {
        // A build we stopped (cancelled, timed out) while sbuild was still making its session is no fault of the chroot.
        if (result == null || result.exitCode() < 0 || !"create-session".equals(result.summary().get("Fail-Stage"))) {
            return Optional.empty();
        }
        var errors = lines(result).stream().filter(l -> l.startsWith("E: ")).map(l -> l.substring(3).strip()).distinct().toList();
        return Optional.of("sbuild could not create a schroot session" + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
    }

    /** The whole log (short: nothing was built); its tail when it cannot be read. */
    private static List<String> lines(SbuildResult result) {
        try {
            return Files.readAllLines(result.log(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return result.logTail().lines().toList();
        }
    }
}
