package org.minibuildd.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One external command to run: an argv list (never a shell string, so no quoting bugs and no injection), the
 * environment to add, the working directory, a timeout and where to stream the output while it runs.
 *
 * @param argv        program and its arguments
 * @param environment variables added to (or, with a {@code null} value, removed from) the daemon's environment
 * @param directory   working directory, or {@code null} for the daemon's
 * @param timeout     after this the whole process group is killed; {@code null} for none
 * @param logFile     stdout and stderr are appended here line by line while the command runs; {@code null} for none
 * @param input       bytes fed to stdin; {@code null} means stdin is {@code /dev/null}
 */
public record Command(List<String> argv, Map<String, String> environment, Path directory, Duration timeout,
                      Path logFile, byte[] input) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("a command needs a program to run");
        }
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    public static Command of(String program, String... arguments) {
        var argv = new java.util.ArrayList<String>();
        argv.add(program);
        argv.addAll(List.of(arguments));
        return new Command(argv, Map.of(), null, null, null, null);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), null, null, null, null);
    }

    public Command withEnv(String name, String value) {
        var env = new LinkedHashMap<>(environment);
        env.put(Objects.requireNonNull(name), value);
        return new Command(argv, env, directory, timeout, logFile, input);
    }

    public Command inDirectory(Path dir) {
        return new Command(argv, environment, dir, timeout, logFile, input);
    }

    public Command withTimeout(Duration limit) {
        return new Command(argv, environment, directory, limit, logFile, input);
    }

    public Command logTo(Path file) {
        return new Command(argv, environment, directory, timeout, file, input);
    }

    public Command withInput(byte[] stdin) {
        return new Command(argv, environment, directory, timeout, logFile, stdin);
    }

    /** The program name, for messages. */
    public String program() {
        return Path.of(argv.getFirst()).getFileName().toString();
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
