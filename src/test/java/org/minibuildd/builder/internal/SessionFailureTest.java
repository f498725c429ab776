package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minibuildd.builder.SbuildResult;

class SessionFailureTest {

    @TempDir Path dir;

    /** What sbuild 0.85 writes when schroot does not know the chroot (abridged). */
    private static final String LOG = """
            E: mini-buildd-bookworm-amd64: Chroot not found
            Chroot setup failed
            E: Error creating chroot session: skipping hello
            Fail-Stage: create-session
            Status: failed
            """;

    @Test
    void aBuildThatGotNoSessionIsTheBuildersFaultWithSchrootsReason() throws Exception {
        var result = result(Map.of("Fail-Stage", "create-session", "Status", "failed"), 0);
        assertThat(SessionFailure.of(result)).hasValue("sbuild could not create a schroot session: "
                + "mini-buildd-bookworm-amd64: Chroot not found; Error creating chroot session: skipping hello");
    }

    @Test
    void aPackagesOwnFailureOrABuildWeStoppedIsNot() throws Exception {
        assertThat(SessionFailure.of(result(Map.of("Fail-Stage", "build", "Status", "attempted"), 0))).isEmpty();
        // Cancelled while sbuild was still making the session: the build is cancelled, the chroot is fine.
        assertThat(SessionFailure.of(result(Map.of("Fail-Stage", "create-session", "Status", SbuildResult.CANCELLED), -1))).isEmpty();
        assertThat(SessionFailure.of(null)).isEmpty();
    }

    private SbuildResult result(Map<String, String> summary, int exitCode) throws Exception {
        var log = Files.writeString(dir.resolve("build.log"), LOG);
        return new SbuildResult(summary, exitCode, null, null, List.of(), log, LOG);
    }
}
