package org.minibuildd.builder.internal;

import java.util.Set;

import org.minibuildd.daemon.Home;
import org.minibuildd.debian.BuildRequest;
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
 * Takes build requests from incoming into the build queue: a request must be signed by a packager we trust (this
 * instance's key, or an active Remote's); its files go to the build directory {@code home/builds/<key>/<arch>/}
 * (served as {@code /mini_buildd/builds-dir/}), its payload is unpacked there, and a QUEUED row commits.
 */
@Component
class BuildRequestReceiver implements IncomingReceiver {

    private static final Logger log = LoggerFactory.getLogger(BuildRequestReceiver.class);

    private final BuildJobStore jobs;
    private final Home home;
    private final RemoteService remotes;
    private final BuildExchange exchange;
    private final TransactionTemplate transaction;
    private final BuildWorker worker;

    BuildRequestReceiver(BuildJobStore jobs, Home home, RemoteService remotes, BuildExchange exchange,
                         TransactionTemplate transaction, BuildWorker worker) {
        this.jobs = jobs;
        this.home = home;
        this.remotes = remotes;
        this.exchange = exchange;
        this.transaction = transaction;
        this.worker = worker;
    }

    @Override
    public Set<UploadKind> kinds() {
        return Set.of(UploadKind.BUILD_REQUEST);
    }

    @Override
    public void receive(CompleteUpload upload) throws Exception {
        if (jobs.exists(upload.key())) {
            return;
        }
        try {
            // Our own key (we are our own packager) or an active Remote's.
            exchange.verify(upload, remotes.activeKeyring());
        } catch (VerificationException e) {
            var dir = home.rejectedBuildChanges(upload.changesName(), upload.changesSha256());
            exchange.quarantine(upload, dir, "build request not signed by a trusted packager: " + e.getMessage());
            log.warn("build request {} not signed by a trusted packager, kept in {}", upload.changesName(), dir);
            return;
        }
        var request = BuildRequest.of(upload.changes());
        var key = request.key();
        var arch = request.architecture();
        var dir = home.buildDir(key, arch);
        exchange.unpack(upload, dir);
        transaction.executeWithoutResult(s -> jobs.queue(upload.key(), key.bkey(arch), key.source(), key.version(),
                request.distribution(), arch, dir, request.uploadTo()));
        log.info("queued build {}", key.bkey(arch));
        worker.wake();
    }

    @Override
    public void rejected(RejectedUpload upload) {
        log.warn("incoming refused build request {}: {} (files in {})", upload.name(), upload.reason(), upload.quarantine());
    }
}
