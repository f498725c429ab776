package org.minibuildd.incoming.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool {@code home/incoming/}: complete files under their own names, nothing else visible. A transfer
 * writes to {@code .partial/<random>/<name>} and is linked in under its name only once it succeeded, so a name in
 * the spool always means a complete file. Hidden entries are the spool's own bookkeeping: uploaded names can
 * never start with a dot.
 */
final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private final Path dir;
    private final Path partials;
    private final Path removals;
    private final Set<Path> active = ConcurrentHashMap.newKeySet();

    Spool(Path dir) {
        this.dir = dir;
        this.partials = dir.resolve(".partial");
        this.removals = dir.resolve(".removing");
        try {
            Files.createDirectories(partials);
            Files.createDirectories(removals);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the incoming spool in " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    boolean contains(String name) {
        return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** The complete files, oldest first. */
    List<SpoolFile> files() {
        var files = new ArrayList<SpoolFile>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (var entry : entries) {
                var name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    var attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        files.add(new SpoolFile(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException gone) {
                    // Taken over or quarantined while listing.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the incoming spool " + dir + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(SpoolFile::modified).thenComparing(SpoolFile::name));
        return files;
    }

    /** Names being received right now (or stalled), each with the time of its last write. */
    Map<String, Instant> inFlight() {
        var names = new HashMap<String, Instant>();
        for (var file : partialFiles()) {
            try {
                var modified = Files.getLastModifiedTime(file).toInstant();
                names.merge(file.getFileName().toString(), modified, (a, b) -> a.isAfter(b) ? a : b);
            } catch (IOException gone) {
                // Finished or aborted while listing.
            }
        }
        return names;
    }

    /** A transfer into the spool: bytes go to a hidden temp file until {@link #commit}. */
    Partial begin(String name) throws IOException {
        var home = partials.resolve(UUID.randomUUID().toString());
        // Marked running before it exists, so the cleaner never takes it for a leftover.
        active.add(home);
        try {
            Files.createDirectories(home);
            var file = home.resolve(name);
            return new Partial(name, file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            active.remove(home);
            deleteTree(home);
            throw e;
        }
    }

    /**
     * Makes a finished transfer visible under its name, durably (data and directory entry on disk first, so a
     * client never sees success for a file a crash could lose). Never replaces: if the name appeared meanwhile
     * (another session won the race), throws {@link FileAlreadyExistsException} and drops this copy.
     */
    void commit(Partial partial) throws IOException {
        try {
            partial.channel.force(true);
            partial.channel.close();
            Files.createLink(dir.resolve(partial.name), partial.file);
            syncDirectory(dir);
        } finally {
            discard(partial);
        }
    }

    /** Removes an unfinished transfer's temp file. */
    void discard(Partial partial) {
        try {
            partial.channel.close();
            Files.deleteIfExists(partial.file);
            Files.deleteIfExists(partial.file.getParent());
        } catch (IOException e) {
            log.warn("Cannot remove the temp file {} of an unfinished upload: {}", partial.file, e.getMessage());
        } finally {
            active.remove(partial.file.getParent());
        }
    }

    /**
     * Removes temp files of transfers that are not running (left by a crash) or have not been written to for
     * {@code stalled}. A transfer still writing is never touched.
     */
    void cleanPartials(Duration stalled, Instant now) {
        try (Stream<Path> homes = Files.list(partials)) {
            for (var home : homes.toList()) {
                var running = active.contains(home);
                if (running && newestWrite(home).plus(stalled).isAfter(now)) {
                    continue;
                }
                log.info("Removing the temp files of an unfinished upload{}: {}", running ? " (stalled)" : "", home);
                deleteTree(home);
            }
        } catch (IOException e) {
            log.warn("Cannot clean unfinished uploads in {}: {}", partials, e.getMessage());
        }
    }

    /**
     * Removes files that have been handed over, durably: the list is written first, so a crash half way is
     * finished at the next start ({@link #finishRemovals}). Each name is recorded with size and modification
     * time, so only the very file that was handed over is removed.
     */
    void remove(String label, List<SpoolFile> files) throws IOException {
        var list = new StringBuilder();
        for (var file : files) {
            list.append(file.size()).append(' ').append(file.modified().toEpochMilli()).append(' ').append(file.name()).append('\n');
        }
        var record = removals.resolve(label);
        var temp = removals.resolve("." + label);
        Files.writeString(temp, list);
        Files.move(temp, record, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        removeListed(record);
    }

    /** Finishes removals a crash interrupted. */
    void finishRemovals() {
        try (Stream<Path> records = Files.list(removals)) {
            for (var record : records.toList()) {
                if (record.getFileName().toString().startsWith(".")) {
                    Files.deleteIfExists(record);
                } else {
                    log.info("Finishing the removal of handed-over files interrupted by a stop: {}", record.getFileName());
                    removeListed(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish removals in " + removals + ": " + e.getMessage(), e);
        }
    }

    private void removeListed(Path record) throws IOException {
        for (var line : Files.readAllLines(record)) {
            var parts = line.split(" ", 3);
            if (parts.length != 3) {
                continue;
            }
            var file = dir.resolve(parts[2]);
            try {
                var attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.size() == Long.parseLong(parts[0])
                        && attributes.lastModifiedTime().toMillis() == Long.parseLong(parts[1])) {
                    Files.delete(file);
                }
            } catch (NoSuchFileException alreadyGone) {
                // Removed before the interruption.
            }
        }
        syncDirectory(dir);
        Files.delete(record);
    }

    private List<Path> partialFiles() {
        try (Stream<Path> files = Files.walk(partials, 2)) {
            return files.filter(p -> p.getNameCount() == partials.getNameCount() + 2).toList();
        } catch (NoSuchFileException | UncheckedIOException raced) {
            return List.of();
        } catch (IOException e) {
            log.warn("Cannot list unfinished uploads in {}: {}", partials, e.getMessage());
            return List.of();
        }
    }

    private static Instant newestWrite(Path home) throws IOException {
        var newest = Files.getLastModifiedTime(home).toInstant();
        try (Stream<Path> files = Files.list(home)) {
            for (var file : files.toList()) {
                var modified = Files.getLastModifiedTime(file).toInstant();
                if (modified.isAfter(newest)) {
                    newest = modified;
                }
            }
        }
        return newest;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void syncDirectory(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** One running transfer. */
    static final class Partial {

        private final String name;
        private final Path file;
        private final FileChannel channel;

        private Partial(String name, Path file, FileChannel channel) {
            this.name = name;
            this.file = file;
            this.channel = channel;
        }

        String name() {
            return name;
        }

        /** Where the bytes go; closing it does not commit (see {@link Spool#commit}). */
        OutputStream output() {
            return new java.io.FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // The spool closes the channel itself, after forcing it to disk.
                }
            };
        }
    }
}
