package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup script, run for real by /bin/sh with a stand-in for sbuild's session command: it answers apt's update of
 * the packager's repository the way apt does when it cannot fetch it.
 */
class SbuildSetupScriptTest {

    private static final String OWN = "http://127.0.0.1:41234/repositories/";
    private static final String SOURCES = """
            deb http://deb.debian.org/debian/ bookworm main
            deb [] http://127.0.0.1:41234/repositories/test bookworm-test-unstable main
            """;

    @TempDir Path dir;

    @Test
    void aPackagerRepositoryAptCannotFetchFailsTheSetupWithAptsReason() throws Exception {
        var setup = setup("""
                case "$*" in
                  *apt-get*mini-buildd-own.list*)
                    echo "Ign:1 http://127.0.0.1:41234/repositories/test bookworm-test-unstable InRelease"
                    echo "Err:2 http://127.0.0.1:41234/repositories/test bookworm-test-unstable Release"
                    echo "  404  Not Found [IP: 127.0.0.1 41234]"
                    echo "E: The repository 'http://127.0.0.1:41234/repositories/test bookworm-test-unstable Release' does not have a Release file."
                    exit 100 ;;
                  *) exit 0 ;;
                esac
                """);
        var run = run(setup);
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(setup.failure()).as(run.output()).hasValue("apt could not fetch http://127.0.0.1:41234/repositories/test bookworm-test-unstable"
                + " Release: 404  Not Found [IP: 127.0.0.1 41234]");
        assertThat(run.output()).contains("E: mini-buildd: apt could not fetch http://127.0.0.1:41234/repositories/test");
        // The packager's lines were updated on their own, strictly; the Debian line is not among them.
        assertThat(Files.readString(setup.dir().resolve("apt_update_own.list"))).isEqualTo(
                "deb [] http://127.0.0.1:41234/repositories/test bookworm-test-unstable main\n");
        assertThat(Files.readString(setup.dir().resolve("apt_update.list"))).isEqualTo("deb http://deb.debian.org/debian/ bookworm main\n");
    }

    /** An install exporting the repository meanwhile: apt sees it unsigned once, then whole again. */
    @Test
    void aFetchThatFailsOnceIsTriedAgainAndTheBuildGoesOn() throws Exception {
        var setup = setup("""
                case "$*" in
                  *apt-get*mini-buildd-own.list*)
                    if [ ! -e "%s" ]; then
                      touch "%s"
                      echo "E: The repository 'http://127.0.0.1:41234/repositories/test bookworm-test-unstable Release' is not signed."
                      exit 100
                    fi
                    exit 0 ;;
                  *) exit 0 ;;
                esac
                """.formatted(dir.resolve("failed-once"), dir.resolve("failed-once")));
        var run = run(setup);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("failed (try 1 of 4): again in 3 s").doesNotContain("try 2 of 4");
        assertThat(setup.failure()).isEmpty();
    }

    @Test
    void otherSourcesOnlyWarnAndAFetchedRepositoryLeavesNoFailure() throws Exception {
        var setup = setup("""
                case "$*" in
                  *apt-get*mini-buildd-update.list*) echo "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease"; exit 0 ;;
                  *) exit 0 ;;
                esac
                """);
        var run = run(setup);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(setup.failure()).isEmpty();
    }

    private SbuildSetup setup(String fakeSessionCommand) throws Exception {
        var setup = new SbuildSetup(dir.resolve("setup"));
        setup.write(SOURCES, "", "", null, SOURCES, OWN);
        var fake = dir.resolve("session-exec");
        // Reads what it is given (the script pipes files into it), then answers as the case says.
        Files.writeString(fake, "#!/bin/sh\ncat > /dev/null\n" + fakeSessionCommand);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return setup;
    }

    private record Run(int exit, String output) { }

    private Run run(SbuildSetup setup) throws Exception {
        var process = new ProcessBuilder(setup.script().toString(), dir.resolve("session-exec").toString(), "-c", "session-1")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
