package org.minibuildd.incoming.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.minibuildd.debian.Changes;
import org.minibuildd.debian.Checksum;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.FileEntry;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.UploadKind;

/**
 * Complete-upload detection over the spool. Stateless apart from a checksum cache: every scan looks at what is in
 * the spool now, so the order files arrived in, the sessions they came in and any restart in between do not
 * matter.
 *
 * <p>An upload is complete when its {@code .changes} and every file it lists are in the spool with the listed
 * size and every listed checksum (MD5, SHA-1, SHA-256; build requests list only MD5). A listed file with another
 * size or checksum refuses the upload at once (spool files are complete: a wrong one will not get right); a
 * missing file refuses it only after {@code missingTimeout} without progress on the upload. Files no
 * {@code .changes} lists are refused as stray after {@code strayTimeout}; both clocks stand still while any
 * transfer is running, since its file may be the one that completes the picture.
 */
final class Detector {

    /** Far more than any real .changes (hundreds of files); keeps a hostile one from filling memory. */
    static final long MAX_CHANGES_SIZE = 4L << 20;

    private final Spool spool;
    private final Duration missingTimeout;
    private final Duration strayTimeout;
    private final Map<String, Cached> checksums = new HashMap<>();

    Detector(Spool spool, Duration missingTimeout, Duration strayTimeout) {
        this.spool = spool;
        this.missingTimeout = missingTimeout;
        this.strayTimeout = strayTimeout;
    }

    List<Finding> scan(Instant now) {
        var files = new HashMap<String, SpoolFile>();
        var ordered = spool.files();
        ordered.forEach(f -> files.put(f.name(), f));
        checksums.keySet().retainAll(files.keySet());
        var inFlight = spool.inFlight();

        var findings = new ArrayList<Finding>();
        var claimed = new HashSet<String>();
        for (var file : ordered) {
            if (file.name().endsWith(".changes")) {
                claimed.add(file.name());
                findings.add(examine(file, files, inFlight, claimed, now));
            }
        }
        for (var file : ordered) {
            if (!claimed.contains(file.name()) && inFlight.isEmpty()
                    && !now.isBefore(file.modified().plus(strayTimeout))) {
                findings.add(new Finding.Bad(UploadKind.USER_UPLOAD, file.name(), List.of(file.name()),
                        "stray file " + file.name() + ": no .changes listed it within " + seconds(strayTimeout)));
            }
        }
        return findings;
    }

    private Finding examine(SpoolFile changesFile, Map<String, SpoolFile> files, Map<String, Instant> inFlight,
                            Set<String> claimed, Instant now) {
        var name = changesFile.name();
        var kind = UploadKind.of(name);
        if (changesFile.size() > MAX_CHANGES_SIZE) {
            return new Finding.Bad(kind, name, List.of(name), name + " is too large for a .changes: "
                    + changesFile.size() + " bytes (at most " + MAX_CHANGES_SIZE + ")");
        }
        byte[] bytes;
        Changes changes;
        try {
            bytes = Files.readAllBytes(spool.resolve(name));
            var text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            changes = kind == UploadKind.USER_UPLOAD ? Changes.parse(text) : Changes.parseInternal(text);
        } catch (CharacterCodingException e) {
            return new Finding.Bad(kind, name, List.of(name), "cannot parse " + name + ": not UTF-8 text");
        } catch (DebianFormatException e) {
            return new Finding.Bad(kind, name, List.of(name), "cannot parse " + name + ": " + e.getMessage());
        } catch (IOException e) {
            // Taken away while we looked (a concurrent quarantine or hand-over): the next scan sees the truth.
            return new Finding.Waiting(name, List.of());
        }

        var entries = changes.files();
        entries.forEach(e -> claimed.add(e.name()));
        var present = new ArrayList<SpoolFile>();
        var missing = new ArrayList<String>();
        var faults = new ArrayList<String>();
        var lastProgress = changesFile.modified();
        var receiving = false;
        for (var entry : entries) {
            var file = files.get(entry.name());
            if (inFlight.containsKey(entry.name())) {
                receiving = true;
            }
            if (file == null) {
                missing.add(entry.name());
                continue;
            }
            present.add(file);
            if (file.modified().isAfter(lastProgress)) {
                lastProgress = file.modified();
            }
            if (file.size() != entry.size()) {
                faults.add("bad size for " + entry.name() + ": expected " + entry.size() + " bytes, got " + file.size());
            }
        }
        var presentNames = present.stream().map(SpoolFile::name).collect(Collectors.toCollection(ArrayList::new));
        presentNames.add(name);

        if (faults.isEmpty() && missing.isEmpty()) {
            for (var entry : entries) {
                faults.addAll(checksumFaults(entry, files.get(entry.name())));
            }
        }
        if (!faults.isEmpty()) {
            return new Finding.Bad(kind, name, presentNames, String.join("; ", faults));
        }
        if (!missing.isEmpty()) {
            if (receiving || now.isBefore(lastProgress.plus(missingTimeout))) {
                return new Finding.Waiting(name, missing);
            }
            return new Finding.Bad(kind, name, presentNames, "missing file" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " after " + seconds(missingTimeout));
        }
        var paths = present.stream().map(f -> spool.resolve(f.name())).toList();
        var upload = new CompleteUpload(kind, changes, spool.resolve(name), paths, Digests.sha256(bytes));
        var all = new ArrayList<>(present);
        all.add(changesFile);
        return new Finding.Complete(upload, all);
    }

    private List<String> checksumFaults(FileEntry entry, SpoolFile file) {
        Digests digests;
        try {
            digests = digests(file);
        } catch (IOException e) {
            return List.of("cannot read " + entry.name() + ": " + e.getMessage());
        }
        var faults = new ArrayList<String>();
        // Strongest first: the reason names the checksum an uploader would look at.
        for (var kind : List.of(Checksum.SHA256, Checksum.SHA1, Checksum.MD5)) {
            var expected = entry.checksum(kind);
            if (!expected.isEmpty() && !expected.equalsIgnoreCase(digests.get(kind))) {
                faults.add("bad checksum for " + entry.name() + ": " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " expected " + expected + " got " + digests.get(kind));
                break;
            }
        }
        return faults;
    }

    private Digests digests(SpoolFile file) throws IOException {
        var cached = checksums.get(file.name());
        if (cached != null && cached.file.equals(file)) {
            return cached.digests;
        }
        var digests = Digests.of(spool.resolve(file.name()));
        checksums.put(file.name(), new Cached(file, digests));
        return digests;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private record Cached(SpoolFile file, Digests digests) {
    }
}
