package org.minibuildd.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started command. Its output is drained by two virtual threads while it runs (so a chatty command never
 * blocks on a full pipe) and appended to the command's log file as it arrives, which is what makes live logs work.
 * The command is its own process group leader, so a timeout or {@link #cancel()} reaches everything it spawned.
 */
public final class RunningProcess {

    /** How long a killed process group gets between SIGTERM and SIGKILL. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** The part of stderr kept for the failure message. */
    static final int STDERR_TAIL_BYTES = 4096;
    /** Readers may outlive the group leader when a grandchild keeps the pipe open; wait at most this long. */
    private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(5);

    private final Command command;
    private final Process process;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final TailBuffer stderr = new TailBuffer(STDERR_TAIL_BYTES);
    private final OutputStream log;
    private final Thread stdoutReader;
    private final Thread stderrReader;

    RunningProcess(Command command, Process process) throws IOException {
        this.command = command;
        this.process = process;
        this.log = command.logFile() == null ? OutputStream.nullOutputStream()
                : Files.newOutputStream(command.logFile(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.stdoutReader = Thread.ofVirtual().name("stdout-" + process.pid())
                .start(() -> drain(process.getInputStream(), stdout));
        this.stderrReader = Thread.ofVirtual().name("stderr-" + process.pid())
                .start(() -> drain(process.getErrorStream(), stderr));
        feedInput();
    }

    private void feedInput() {
        var input = command.input();
        Thread.ofVirtual().start(() -> {
            try (var in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input);
                }
            } catch (IOException e) {
                // The command closed its stdin early (it did not want all of it): not our failure to report.
            }
        });
    }

    private void drain(InputStream from, OutputStream keep) {
        var buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) > 0) {
                synchronized (keep) {
                    keep.write(buffer, 0, n);
                }
                synchronized (log) {
                    log.write(buffer, 0, n);
                    log.flush();
                }
            }
        } catch (IOException e) {
            // The pipe closed because the process was killed: the output so far is what there is.
        }
    }

    public long pid() {
        return process.pid();
    }

    public Command command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the whole process group (SIGTERM, then SIGKILL after a grace period); {@link #await()} then fails. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            killGroup();
        }
    }

    /** Waits for the command, honouring its timeout, and returns its result or throws the typed failure. */
    public ProcessResult await() throws InterruptedException {
        var timeout = command.timeout();
        boolean exited = timeout == null ? waitForever() : process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!exited) {
            killGroup();
        }
        finishOutput();
        if (!exited) {
            throw new ProcessFailedException.TimedOut(command, stderrTail());
        }
        if (cancelled.get()) {
            throw new ProcessFailedException.Cancelled(command, stderrTail());
        }
        var result = new ProcessResult(command, process.exitValue(), stdoutBytes(), stderrTail(),
                Duration.ofNanos(System.nanoTime() - startNanos));
        if (!result.succeeded()) {
            throw new ProcessFailedException.NonZeroExit(result);
        }
        return result;
    }

    private boolean waitForever() throws InterruptedException {
        process.waitFor();
        return true;
    }

    private void finishOutput() throws InterruptedException {
        stdoutReader.join(DRAIN_AFTER_EXIT);
        stderrReader.join(DRAIN_AFTER_EXIT);
        synchronized (log) {
            try {
                log.close();
            } catch (IOException e) {
                // Nothing left to write; a failing close of the log must not hide the command's own result.
            }
        }
    }

    private byte[] stdoutBytes() {
        synchronized (stdout) {
            return stdout.toByteArray();
        }
    }

    private String stderrTail() {
        synchronized (stderr) {
            return stderr.text();
        }
    }

    private void killGroup() {
        signalGroup("TERM");
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                signalGroup("KILL");
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Members that left the group (daemonised) are still our descendants: take them too.
        signalGroup("KILL");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** The command was started under setsid, so its pid is also its process group id. */
    private void signalGroup(String signal) {
        try {
            var kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps only the last {@code capacity} bytes written: the end of stderr is where the reason is. */
    static final class TailBuffer extends OutputStream {
        private final byte[] ring;
        private long written;

        TailBuffer(int capacity) {
            ring = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ring[(int) (written++ % ring.length)] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }

        String text() {
            int size = (int) Math.min(written, ring.length);
            var out = new byte[size];
            long start = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
