package org.minibuildd.builder.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The schroot calls the builder makes: scripts as root in a chroot, and listing and ending sessions. */
public final class Schroot {

    private static final Logger log = LoggerFactory.getLogger(Schroot.class);
    static final String SCHROOT = "/usr/bin/schroot";

    private final ProcessRunner runner;

    public Schroot(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs a shell script as root in the chroot: {@code source:<name>} changes the base itself, {@code <name>} a
     * throwaway session. The script comes on stdin, so nothing of it needs quoting.
     */
    public void script(String chroot, String script, Path logFile, Duration timeout) {
        var command = Command.of(SCHROOT, "--chroot", chroot, "--user", "root", "--directory", "/", "--", "/bin/sh", "-s")
                .withInput(script.getBytes(StandardCharsets.UTF_8)).withTimeout(timeout);
        runner.run(logFile == null ? command : command.logTo(logFile));
    }

    /** Session ids ({@code <name>-<uuid>}) of every open session of the chroot, whoever opened it. */
    public List<String> sessions(String name) {
        return allSessions().stream().filter(id -> id.startsWith(name + "-")).toList();
    }

    /** Session ids of every open session of any chroot. */
    public List<String> allSessions() {
        var out = runner.run(Command.of(SCHROOT, "--list", "--all-sessions").withTimeout(Duration.ofMinutes(1))).stdoutText();
        return out.lines().map(String::strip).map(line -> line.startsWith("session:") ? line.substring(8) : line)
                .filter(id -> !id.isEmpty()).toList();
    }

    public void endSession(String session) {
        try {
            runner.run(Command.of(SCHROOT, "--end-session", "--chroot", "session:" + session).withTimeout(Duration.ofMinutes(5)));
        } catch (ProcessFailedException first) {
            // A session whose processes were just killed may still be busy unmounting: one forced retry.
            log.info("ending schroot session {} failed ({}), forcing it", session, first.getMessage());
            runner.run(Command.of(SCHROOT, "--end-session", "--force", "--chroot", "session:" + session)
                    .withTimeout(Duration.ofMinutes(5)));
        }
    }

    public void endSessions(String name) {
        sessions(name).forEach(this::endSession);
    }
}
