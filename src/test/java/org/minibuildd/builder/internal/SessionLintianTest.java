package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLintianTest {

    @Test
    void theLastMarkerOfTheLogIsTheVerdict() {
        // A package may print anything while it builds; our script runs after that and speaks last.
        var log = List.of("mini-buildd lintian verdict: pass", "E: hello: some-tag", "mini-buildd lintian verdict: fail", "");
        assertThat(SessionLintian.verdict(log)).contains("fail");
        assertThat(SessionLintian.verdict(List.of("| Summary |", "Status: successful"))).isEmpty();
        assertThat(SessionLintian.verdict(List.of("  mini-buildd lintian verdict: not-run"))).contains("not-run");
        assertThat(SessionLintian.verdict(List.of("x mini-buildd lintian verdict: pass"))).isEmpty();
    }

    @Test
    void optionsAreSingleShellWords() {
        assertThat(SessionLintian.quote("--suppress-tags=a,b")).isEqualTo("'--suppress-tags=a,b'");
        assertThat(SessionLintian.quote("it's $(rm -rf /)")).isEqualTo("'it'\\''s $(rm -rf /)'");
    }

    /** The script runs here with a stand-in lintian and runuser on PATH: verdicts in sbuild's words, always exit 0. */
    @Test
    void theScriptGivesSbuildsVerdictsAndNeverFails(@TempDir Path tmp) throws Exception {
        var bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("runuser"), "#!/bin/sh\nshift 3\nexec \"$@\"\n");
        var script = executable(tmp.resolve("run-lintian"), SessionLintian.script(List.of("--info", "it's")));
        var build = Files.createDirectories(tmp.resolve("build"));

        assertThat(run(script, build, bin)).endsWith("mini-buildd lintian verdict: not-run");

        Files.writeString(build.resolve("hello_1.0-1_amd64.changes"), "");
        Files.writeString(build.resolve("hello_1.0-1.dsc"), "");
        var cases = List.of(
                List.of("exit 0", "pass"), List.of("echo 'I: hello: x'", "info"), List.of("echo 'I: a'; echo 'W: b'", "warn"),
                List.of("echo 'E: hello: x'; exit 2", "fail"), List.of("echo 'lintian: broken' >&2; exit 1", "error"));
        for (var c : cases) {
            executable(bin.resolve("lintian"), "#!/bin/sh\necho \"args: $*\"\n" + c.get(0) + "\n");
            var out = run(script, build, bin);
            assertThat(out).as(c.get(0)).endsWith("mini-buildd lintian verdict: " + c.get(1))
                    .contains("args: --info it's hello_1.0-1_amd64.changes hello_1.0-1.dsc");
        }
    }

    private static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
        return file;
    }

    private static String run(Path script, Path dir, Path bin) throws Exception {
        var process = new ProcessBuilder(script.toString(), dir.toString()).redirectErrorStream(true);
        process.environment().put("PATH", bin + ":/usr/bin:/bin");
        var started = process.start();
        var out = new String(started.getInputStream().readAllBytes()).strip();
        assertThat(started.waitFor()).as(out).isZero();
        return out;
    }
}
