package org.minibuildd.builder.internal;

import java.util.Set;

import org.minibuildd.daemon.Home;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.IncomingReceiver;
import org.minibuildd.incoming.RejectedUpload;
import org.minibuildd.incoming.UploadKind;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
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
    private final InstanceKeyStore keys;
    private final RemoteService remotes;
    private final ProcessRunner runner;
    private final TransactionTemplate transaction;
    private final BuildWorker worker;
    private final SignatureVerifier verifier = new SignatureVerifier();

    BuildRequestReceiver(BuildJobStore jobs, Home home, InstanceKeyStore keys, RemoteService remotes,
                         ProcessRunner runner, TransactionTemplate transaction, BuildWorker worker) {
        this.jobs = jobs;
        this.home = home;
        this.keys = keys;
        this.remotes = remotes;
        this.runner = runner;
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
        var changes = upload.changes();
        try {
            // Our own key (we are our own packager) or an active Remote's.
            verifier.verifyClearsigned(changes.original(), keys.get().publicKeyring().plus(remotes.activeKeyring()));
        } catch (VerificationException e) {
            var dir = home.rejected().resolve(upload.changesName() + "-" + upload.changesSha256().substring(0, 12));
            upload.linkTo(dir);
            java.nio.file.Files.writeString(dir.resolve(".rejected"), "build request not signed by a trusted packager: " + e.getMessage() + "\n");
            log.warn("build request {} not signed by a trusted packager, kept in {}", upload.changesName(), dir);
            return;
        }
        var timecode = changes.get("X-Mini-Buildd-Timecode").orElse("");
        var arch = changes.architectures().getFirst();
        var key = changes.source() + "/" + changes.version() + "/" + timecode;
        var dir = home.builds().resolve(key).resolve(arch);
        upload.linkTo(dir);
        for (var file : upload.files()) {
            if (file.getFileName().toString().endsWith(".tar")) {
                runner.run(Command.of("tar", "--extract", "--file", dir.resolve(file.getFileName()).toString(),
                        "--directory", dir.toString(), "--no-same-owner"));
            }
        }
        var uploadTo = changes.get("X-Mini-Buildd-Upload-To").orElse("");
        transaction.executeWithoutResult(s -> jobs.queue(upload.key(), key + "/" + arch, changes.source(), changes.version().toString(),
                changes.distribution(), arch, dir, uploadTo));
        log.info("queued build {}/{}", key, arch);
        worker.wake();
    }

    @Override
    public void rejected(RejectedUpload upload) {
        log.warn("incoming refused build request {}: {} (files in {})", upload.name(), upload.reason(), upload.quarantine());
    }
}
