package org.minibuildd.repository.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessResult;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.repository.RepositoryException;

/**
 * reprepro on one repository directory. Calls on the same repository are serialised here (reprepro would
 * otherwise fail on its own lock); {@code --waitforlock} covers an administrator running reprepro by hand.
 * {@code unusedarch} is ignored as mini-buildd does: kernels built with {@code make deb-pkg} list arch-all
 * packages they build as arch-any.
 */
public final class Reprepro {

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ProcessRunner runner;
    private final Path basedir;

    public Reprepro(ProcessRunner runner, Path basedir) {
        this.runner = runner;
        this.basedir = basedir.toAbsolutePath().normalize();
    }

    public Path basedir() {
        return basedir;
    }

    /** Runs the work with this repository locked against other calls of this daemon. */
    public <T> T locked(Supplier<T> work) {
        var lock = LOCKS.computeIfAbsent(basedir, b -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public String run(String... arguments) {
        return run(List.of(arguments));
    }

    public String run(List<String> arguments) {
        return run(arguments, false);
    }

    /**
     * An include done once more (the daemon died before recording the first time): a package reprepro skips because
     * it has that very version already is in place, not left out.
     */
    public String runAgain(String... arguments) {
        return run(List.of(arguments), true);
    }

    private String run(List<String> arguments, boolean again) {
        var argv = new ArrayList<>(List.of("reprepro", "--verbose", "--waitforlock", "10", "--ignore", "unusedarch",
                "--basedir", basedir.toString()));
        argv.addAll(arguments);
        return locked(() -> {
            ProcessResult result;
            try {
                result = runner.run(Command.of(argv).withTimeout(TIMEOUT));
            } catch (ProcessFailedException e) {
                throw new RepositoryException("reprepro " + String.join(" ", arguments) + " failed: " + reason(e.stderrTail()), e);
            }
            var output = result.stdoutText() + result.stderrTail();
            // reprepro only warns when it leaves a package out (an older version, say) and still exits 0.
            var skipped = output.lines().filter(l -> l.startsWith("Skipping inclusion"))
                    .filter(l -> !(again && sameVersionThere(l))).toList();
            if (!skipped.isEmpty()) {
                throw new RepositoryException("reprepro " + String.join(" ", arguments) + " did not include: "
                        + String.join("; ", skipped));
            }
            return result.stdoutText();
        });
    }

    private static final java.util.regex.Pattern SKIPPED = java.util.regex.Pattern.compile(
            "Skipping inclusion of '[^']*' '([^']*)' in '[^']*', as it has already '([^']*)'\\.?");

    /** reprepro's "Skipping inclusion of 'p' 'v' in 'd', as it has already 'v'.": the same version is there. */
    static boolean sameVersionThere(String line) {
        var m = SKIPPED.matcher(line.strip());
        return m.matches() && m.group(1).equals(m.group(2));
    }

    /** The lines of reprepro's complaint that say why, without its progress chatter. */
    static String reason(String stderr) {
        var lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("Exporting indices") && !l.startsWith("Created directory")
                        && !l.startsWith("There have been errors"))
                .toList();
        return lines.isEmpty() ? "(no message)" : String.join(" ", lines);
    }
}
