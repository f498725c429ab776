package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

import org.minibuildd.daemon.Home;
import org.minibuildd.debian.UploadKey;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Retry of a failed upload: its files under a new timecode, and a RECEIVED row the worker takes from there. */
@Component
public class Retries {

    private final UploadStore uploads;
    private final Home home;
    private final PackagerWorker worker;

    Retries(UploadStore uploads, Home home, PackagerWorker worker) {
        this.uploads = uploads;
        this.home = home;
        this.worker = worker;
    }

    @Transactional
    public Optional<String> retry(String key) {
        var parts = key.split("/");
        if (parts.length < 3) {
            return Optional.empty();
        }
        var failed = uploads.byBuildKey(parts[0], parts[1], parts[2]).filter(r -> r.state() == UploadStore.State.FAILED);
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        var row = failed.get();
        var timecode = Timecode.of(Instant.now());
        var dir = home.uploadDir(new UploadKey(row.source(), row.version(), timecode));
        try (var files = Files.list(row.dir())) {
            Files.createDirectories(dir);
            for (var file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the files of " + key + " for a retry", e);
        }
        uploads.insertReceived(row.key() + "#retry-" + timecode, row.changesName(), row.source(), row.version(),
                row.distribution(), timecode, dir);
        worker.wake();
        return Optional.of(row.source() + "/" + row.version() + "/" + timecode);
    }
}
