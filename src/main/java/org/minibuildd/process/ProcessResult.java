package org.minibuildd.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a finished command left: its exit code, its whole stdout, the tail of its stderr and how long it ran. */
public record ProcessResult(Command command, int exitCode, byte[] stdout, String stderrTail, Duration elapsed) {

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
