package org.minibuildd.incoming.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.minibuildd.debian.Deb822;
import org.minibuildd.debian.Field;
import org.minibuildd.debian.Paragraph;
import org.minibuildd.incoming.RejectedUpload;
import org.minibuildd.incoming.UploadKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code home/rejected/}: refused uploads, kept. Each gets {@code <UTC time>-<name>/} with its files and a
 * {@code .rejected} record (name, kind, time, reason, files); {@code .reported} appears once a receiver took the
 * report. A quarantine is built in a hidden directory and renamed into place, so it is all there or not at all;
 * one a crash interrupted is finished at the next start ({@link #recover}).
 */
final class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String RECORD = ".rejected";
    static final String REPORTED = ".reported";
    private static final String BUILDING = ".building-";

    private final Path dir;
    private final Spool spool;

    Quarantine(Path dir, Spool spool) {
        this.dir = dir;
        this.spool = spool;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Moves {@code files} (in this order) from the spool into a new quarantine directory and returns it. */
    Path put(UploadKind kind, String name, List<String> files, String reason, Instant now) throws IOException {
        var base = STAMP.format(now) + "-" + name;
        var target = dir.resolve(base);
        for (int i = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.exists(dir.resolve(BUILDING + target.getFileName())); i++) {
            target = dir.resolve(base + "-" + i);
        }
        var building = dir.resolve(BUILDING + target.getFileName());
        Files.createDirectories(building);
        // The record first: it says what belongs here if a crash interrupts the moves.
        var record = Paragraph.of(List.of(
                new Field("Name", name),
                new Field("Kind", kind.word()),
                new Field("Rejected", now.toString()),
                new Field("Reason", reason.replaceAll("\\s*\\R\\s*", " ")),
                new Field("Files", files.isEmpty() ? "" : "\n " + String.join("\n ", files))));
        Files.writeString(building.resolve(RECORD), record.serialize());
        finish(building, files);
        log.warn("Rejected {} {}: {} (files kept in {})", kind, name, reason, target);
        return target;
    }

    /** Finishes quarantines a crash interrupted: the rest of their files join them. */
    void recover() {
        try (Stream<Path> entries = Files.list(dir)) {
            for (var building : entries.filter(p -> p.getFileName().toString().startsWith(BUILDING)).toList()) {
                var recordFile = building.resolve(RECORD);
                if (!Files.exists(recordFile)) {
                    Spool.deleteTree(building);
                    continue;
                }
                var record = Deb822.parseSingle(Files.readString(recordFile), RECORD, 1);
                log.info("Finishing the quarantine of {} interrupted by a stop", record.text("Name").orElse("?"));
                finish(building, record.lines("Files"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover quarantines in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Quarantines whose report no receiver has taken yet. */
    List<RejectedUpload> unreported() {
        var pending = new ArrayList<RejectedUpload>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (var quarantine : entries.sorted().toList()) {
                var recordFile = quarantine.resolve(RECORD);
                if (quarantine.getFileName().toString().startsWith(".") || !Files.isRegularFile(recordFile)
                        || Files.exists(quarantine.resolve(REPORTED))) {
                    continue;
                }
                try {
                    var record = Deb822.parseSingle(Files.readString(recordFile), RECORD, 1);
                    pending.add(new RejectedUpload(UploadKind.ofWord(record.text("Kind").orElseThrow()),
                            record.text("Name").orElseThrow(), record.text("Reason").orElse(""), quarantine,
                            record.lines("Files"), Instant.parse(record.text("Rejected").orElseThrow())));
                } catch (RuntimeException | IOException e) {
                    log.warn("Ignoring the unreadable quarantine record {}: {}", recordFile, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list quarantined uploads in {}: {}", dir, e.getMessage());
        }
        return pending;
    }

    void markReported(RejectedUpload rejected) throws IOException {
        Files.writeString(rejected.quarantine().resolve(REPORTED), Instant.now() + "\n");
    }

    private void finish(Path building, List<String> files) throws IOException {
        for (var name : files) {
            try {
                move(spool.resolve(name), building.resolve(name));
            } catch (NoSuchFileException alreadyMoved) {
                // Moved before an interruption (or taken by a hand-over meanwhile).
            }
        }
        var target = dir.resolve(building.getFileName().toString().substring(BUILDING.length()));
        Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
        Spool.syncDirectory(dir);
        Spool.syncDirectory(spool.dir());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException otherFileSystem) {
            // rejected/ mounted apart from incoming/: a copy and a delete; recover() finishes it after a crash.
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(from);
        }
    }
}
