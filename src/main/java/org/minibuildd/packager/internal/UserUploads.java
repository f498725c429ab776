package org.minibuildd.packager.internal;

import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Set;

import org.minibuildd.daemon.Home;
import org.minibuildd.debian.UploadKey;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.events.Problem;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.IncomingReceiver;
import org.minibuildd.incoming.RejectedUpload;
import org.minibuildd.incoming.UploadKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes user uploads over from incoming: the files go to the upload's own directory under the events dir
 * ({@code <source>/<version>/<timecode>/source/}, as mini-buildd keeps them), then a RECEIVED row commits, and
 * the {@link PackagerWorker} takes it from there. Uploads incoming refused become REJECTED events.
 */
@Component
class UserUploads implements IncomingReceiver {

    private static final Logger log = LoggerFactory.getLogger(UserUploads.class);

    private final UploadStore uploads;
    private final Events events;
    private final Home home;
    private final TransactionTemplate transaction;
    private final PackagerWorker worker;

    UserUploads(UploadStore uploads, Events events, Home home, TransactionTemplate transaction, PackagerWorker worker) {
        this.uploads = uploads;
        this.events = events;
        this.home = home;
        this.transaction = transaction;
        this.worker = worker;
    }

    @Override
    public Set<UploadKind> kinds() {
        return Set.of(UploadKind.USER_UPLOAD);
    }

    @Override
    public void receive(CompleteUpload upload) throws Exception {
        var key = deliveryKey(upload);
        if (uploads.exists(key)) {
            return;
        }
        var changes = upload.changes();
        var timecode = Timecode.of(Instant.now());
        var dir = home.uploadDir(new UploadKey(changes.source(), changes.version().toString(), timecode));
        upload.linkTo(dir);
        transaction.executeWithoutResult(status -> uploads.insertReceived(key, upload.changesName(), changes.source(),
                changes.version().toString(), changes.distribution(), timecode, dir));
        log.info("received {} ({} {} for {})", upload.changesName(), changes.source(), changes.version(), changes.distribution());
        worker.wake();
    }

    /**
     * One delivery of an upload: its name and content, and when its {@code .changes} arrived. The same delivery
     * handed over again after a crash (the files untouched in the spool) is recognised and taken once; the same
     * files uploaded again by a user (dput -f) are a new upload, checked again like any other (and rejected, say,
     * as already installed), never silently dropped.
     */
    private static String deliveryKey(CompleteUpload upload) throws java.io.IOException {
        return upload.key() + "@" + Files.getLastModifiedTime(upload.changesFile()).toInstant().toEpochMilli();
    }

    @Override
    public void rejected(RejectedUpload upload) {
        var name = upload.name();
        // <source>_<version>_<arch>.changes; a stray file or a name that is not one keeps its whole name as source.
        var parts = name.split("_");
        var source = parts.length >= 3 ? parts[0] : name;
        var version = parts.length >= 3 ? parts[1] : "";
        var quarantine = upload.quarantine().toString();
        transaction.executeWithoutResult(status -> {
            if (events.of(source, null).stream().anyMatch(e -> quarantine.equals(e.extra().get("quarantine")))) {
                return;
            }
            var extra = new LinkedHashMap<String, Object>();
            var timecode = Timecode.of(upload.rejectedAt());
            extra.put("timecode", timecode);
            extra.put("key", source + "/" + version + "/" + timecode);
            extra.put("changes", name);
            extra.put("architecture", "source");
            extra.put("quarantine", quarantine);
            extra.put("files", upload.files());
            extra.put("error", Problem.ofUpload(upload.reason()).toJson());
            events.log(EventType.REJECTED, "", source, version, extra);
        });
        log.warn("rejected {}: {} (files kept in {})", name, upload.reason(), quarantine);
    }

}
