package org.minibuildd.process;

/**
 * A command did not succeed. Sealed: it either exited non-zero, ran past its timeout, was cancelled, or could not
 * be started at all. The message names the program and ends with the tail of its stderr, which is usually the
 * only part a user needs to see.
 */
public sealed class ProcessFailedException extends RuntimeException
        permits ProcessFailedException.NonZeroExit, ProcessFailedException.TimedOut,
                ProcessFailedException.Cancelled, ProcessFailedException.NotStarted {

    private final transient Command command;
    private final int exitCode;
    private final String stderrTail;

    ProcessFailedException(Command command, int exitCode, String stderrTail, String what, Throwable cause) {
        super(message(command, what, stderrTail), cause);
        this.command = command;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
    }

    private static String message(Command command, String what, String stderrTail) {
        var tail = stderrTail == null ? "" : stderrTail.strip();
        return command.program() + " " + what + (tail.isEmpty() ? "" : ": " + tail);
    }

    public Command command() {
        return command;
    }

    /** The exit code, or -1 where the command was killed or never ran. */
    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }

    public static final class NonZeroExit extends ProcessFailedException {
        private final transient ProcessResult result;

        NonZeroExit(ProcessResult result) {
            super(result.command(), result.exitCode(), result.stderrTail(), "failed with exit code " + result.exitCode(), null);
            this.result = result;
        }

        public ProcessResult result() {
            return result;
        }
    }

    public static final class TimedOut extends ProcessFailedException {
        TimedOut(Command command, String stderrTail) {
            super(command, -1, stderrTail, "timed out after " + command.timeout() + " and was killed", null);
        }
    }

    public static final class Cancelled extends ProcessFailedException {
        Cancelled(Command command, String stderrTail) {
            super(command, -1, stderrTail, "was cancelled", null);
        }
    }

    public static final class NotStarted extends ProcessFailedException {
        NotStarted(Command command, Throwable cause) {
            super(command, -1, cause.getMessage(), "could not be started", cause);
        }
    }
}
