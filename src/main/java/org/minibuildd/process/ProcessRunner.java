package org.minibuildd.process;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place where the daemon starts external programs. Every command runs as the leader of a new session
 * (util-linux {@code setsid}), so timeouts and cancellation kill everything it spawned — an sbuild with its
 * schroot session and compilers included.
 */
@Component
public class ProcessRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
    private static final String SETSID = "/usr/bin/setsid";

    /** Starts the command and returns at once; the caller awaits or cancels it. */
    public RunningProcess start(Command command) {
        if (!isInstalled(command.argv().getFirst())) {
            throw new ProcessFailedException.NotStarted(command, new FileNotFoundException(
                    command.argv().getFirst() + " is not installed (not found or not executable in PATH "
                            + System.getenv("PATH") + ")"));
        }
        var argv = new ArrayList<String>();
        argv.add(SETSID);
        argv.add("--");
        argv.addAll(command.argv());
        var builder = new ProcessBuilder(argv);
        if (command.directory() != null) {
            builder.directory(command.directory().toFile());
        }
        command.environment().forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        builder.redirectInput(command.input() == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.PIPE);
        try {
            log.debug("running {}", command);
            return new RunningProcess(command, builder.start());
        } catch (IOException e) {
            throw new ProcessFailedException.NotStarted(command, e);
        }
    }

    /** setsid would report a missing program only as exit code 127; say it plainly instead. */
    static boolean isInstalled(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        var path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(":")).filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** Runs the command to its end; a non-zero exit, a timeout or a failed start throw {@link ProcessFailedException}. */
    public ProcessResult run(Command command) {
        var running = start(command);
        try {
            return running.await();
        } catch (InterruptedException e) {
            running.cancel();
            Thread.currentThread().interrupt();
            throw new ProcessFailedException.Cancelled(command, "interrupted");
        }
    }
}
