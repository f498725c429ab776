package org.minibuildd.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    private final ProcessRunner runner = new ProcessRunner();

    @TempDir
    Path dir;

    @Test
    void capturesStdoutAndExitCode() {
        var result = runner.run(Command.of("printf", "%s\\n", "hello", "world"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).isEqualTo("hello\nworld\n");
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        var result = runner.run(Command.of("echo", "$(id)", "; rm -rf /", "`true`"));
        assertThat(result.stdoutText()).isEqualTo("$(id) ; rm -rf / `true`\n");
    }

    @Test
    void nonZeroExitCarriesExitCodeAndStderrTail() {
        assertThatThrownBy(() -> runner.run(Command.of("sh", "-c", "echo first >&2; echo 'the real reason' >&2; exit 3")))
                .isInstanceOfSatisfying(ProcessFailedException.NonZeroExit.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.stderrTail()).contains("the real reason");
                    assertThat(e.getMessage()).startsWith("sh failed with exit code 3").endsWith("the real reason");
                    assertThat(e.result().exitCode()).isEqualTo(3);
                });
    }

    @Test
    void stderrTailKeepsTheEndOfLongOutput() {
        assertThatThrownBy(() -> runner.run(Command.of("sh", "-c", "seq 1 100000 >&2; echo LAST >&2; exit 1")))
                .isInstanceOfSatisfying(ProcessFailedException.class, e -> {
                    assertThat(e.stderrTail()).endsWith("LAST\n");
                    assertThat(e.stderrTail().length()).isLessThanOrEqualTo(RunningProcess.STDERR_TAIL_BYTES);
                });
    }

    @Test
    void environmentWorkingDirectoryAndInput() throws Exception {
        Files.writeString(dir.resolve("marker"), "x");
        var result = runner.run(Command.of("sh", "-c", "echo \"$MB_TEST\"; ls; cat")
                .withEnv("MB_TEST", "value with spaces").inDirectory(dir)
                .withInput("from stdin".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.stdoutText()).isEqualTo("value with spaces\nmarker\nfrom stdin");
    }

    @Test
    void environmentVariableCanBeRemoved() {
        var result = runner.run(Command.of("sh", "-c", "echo \"[${HOME-unset}]\"").withEnv("HOME", null));
        assertThat(result.stdoutText()).isEqualTo("[unset]\n");
    }

    @Test
    void outputIsStreamedToTheLogWhileTheCommandRuns() throws Exception {
        var log = dir.resolve("build.log");
        var running = runner.start(Command.of("sh", "-c", "echo started; sleep 3; echo finished").logTo(log));
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && !(Files.exists(log) && Files.readString(log).contains("started"))) {
            Thread.sleep(50);
        }
        assertThat(running.isAlive()).as("still running while the first line is in the log").isTrue();
        assertThat(Files.readString(log)).isEqualTo("started\n");
        running.await();
        assertThat(Files.readString(log)).isEqualTo("started\nfinished\n");
    }

    @Test
    void timeoutKillsTheWholeProcessGroup() throws Exception {
        var pids = dir.resolve("pids");
        // A child in the background and one in the foreground: both must die with the timeout.
        var command = Command.of("sh", "-c", "sleep 300 & echo $! > " + pids + "; sleep 300")
                .withTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(command)).isInstanceOf(ProcessFailedException.TimedOut.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long backgroundChild = Long.parseLong(Files.readString(pids).strip());
        waitUntilGone(backgroundChild);
        assertThat(ProcessHandle.of(backgroundChild).map(ProcessHandle::isAlive).orElse(false))
                .as("background child %d killed with its group", backgroundChild).isFalse();
    }

    @Test
    void cancelStopsARunningCommand() throws Exception {
        var running = runner.start(Command.of("sleep", "300"));
        Thread.sleep(200);
        running.cancel();
        assertThatThrownBy(running::await).isInstanceOf(ProcessFailedException.Cancelled.class);
        assertThat(running.isAlive()).isFalse();
    }

    @Test
    void missingProgramIsATypedFailure() {
        assertThatThrownBy(() -> runner.run(Command.of("/nonexistent/program")))
                .isInstanceOf(ProcessFailedException.NotStarted.class)
                .hasMessageContaining("/nonexistent/program is not installed");
        assertThatThrownBy(() -> runner.run(Command.of("no-such-tool-anywhere", "--version")))
                .isInstanceOf(ProcessFailedException.NotStarted.class)
                .hasMessageContaining("no-such-tool-anywhere is not installed");
    }

    @Test
    void emptyCommandIsRefused() {
        assertThatThrownBy(() -> Command.of(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
    }
}
