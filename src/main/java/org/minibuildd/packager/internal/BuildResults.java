package org.minibuildd.packager.internal;

import java.util.Set;

import org.minibuildd.daemon.Home;
import org.minibuildd.debian.BuildResult;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.exchange.BuildExchange;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.IncomingReceiver;
import org.minibuildd.incoming.RejectedUpload;
import org.minibuildd.incoming.UploadKind;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.remote.RemoteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes build results from incoming: the result must be signed by a builder we trust (this instance's key
 * or an active Remote's) and
 * belong to an upload we are packaging; its files (the build log and the tar with sbuild's {@code .changes},
 * {@code .buildinfo} and {@code .deb}s) go to {@code <key>/<arch>/} beside the upload, and the architecture's
 * build is marked BUILT. When the last one is in, the {@link PackagerWorker} installs or fails the upload.
 */
@Component
class BuildResults implements IncomingReceiver {

    private static final Logger log = LoggerFactory.getLogger(BuildResults.class);

    private final UploadStore uploads;
    private final UploadBuildStore builds;
    private final Home home;
    private final RemoteService remotes;
    private final BuildExchange exchange;
    private final TransactionTemplate transaction;
    private final PackagerWorker worker;

    BuildResults(UploadStore uploads, UploadBuildStore builds, Home home, RemoteService remotes, BuildExchange exchange,
                 TransactionTemplate transaction, PackagerWorker worker) {
        this.uploads = uploads;
        this.builds = builds;
        this.home = home;
        this.remotes = remotes;
        this.exchange = exchange;
        this.transaction = transaction;
        this.worker = worker;
    }

    @Override
    public Set<UploadKind> kinds() {
        return Set.of(UploadKind.BUILD_RESULT);
    }

    @Override
    public void receive(CompleteUpload upload) throws Exception {
        try {
            // Our own key (we are our own builder) or an active Remote's.
            exchange.verify(upload, remotes.activeKeyring());
        } catch (VerificationException e) {
            // Not from a builder of ours: nothing to do with it but keep it for inspection.
            quarantine(upload, "build result not signed by a trusted builder: " + e.getMessage());
            return;
        }
        BuildResult result;
        try {
            result = BuildResult.of(upload.changes());
        } catch (DebianFormatException e) {
            quarantine(upload, "stray build result: " + e.getMessage());
            return;
        }
        var key = result.key();
        var arch = result.architecture();
        var row = uploads.byBuildKey(key.source(), key.version(), key.timecode());
        if (row.isEmpty()) {
            quarantine(upload, "stray build result: no upload " + key + " is being packaged here");
            return;
        }
        var dir = home.eventsDir(key, arch);
        exchange.unpack(upload, dir);
        var status = result.summary().status();
        var lintian = result.summary().lintian();
        var uploadId = row.get().id();
        var recorded = Boolean.TRUE.equals(transaction.execute(s -> builds.built(uploadId, arch, status, lintian, dir)));
        log.info("build result {} for {}: {}{}", arch, row.get().changesName(), status, recorded ? "" : " (already recorded)");
        worker.wake();
    }

    private void quarantine(CompleteUpload upload, String reason) throws java.io.IOException {
        var dir = home.rejectedBuildChanges(upload.changesName(), upload.changesSha256());
        exchange.quarantine(upload, dir, reason);
        log.warn("{} kept in {}: {}", upload.changesName(), dir, reason);
    }

    @Override
    public void rejected(RejectedUpload upload) {
        log.warn("incoming refused build result {}: {} (files in {})", upload.name(), upload.reason(), upload.quarantine());
    }
}
