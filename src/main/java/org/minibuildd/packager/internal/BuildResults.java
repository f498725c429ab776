package org.minibuildd.packager.internal;

import java.nio.file.Files;
import java.nio.file.Path;
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
    private final InstanceKeyStore keys;
    private final RemoteService remotes;
    private final ProcessRunner runner;
    private final TransactionTemplate transaction;
    private final PackagerWorker worker;
    private final SignatureVerifier verifier = new SignatureVerifier();

    BuildResults(UploadStore uploads, UploadBuildStore builds, Home home, InstanceKeyStore keys,
                 RemoteService remotes, ProcessRunner runner, TransactionTemplate transaction,
                 PackagerWorker worker) {
        this.uploads = uploads;
        this.builds = builds;
        this.home = home;
        this.keys = keys;
        this.remotes = remotes;
        this.runner = runner;
        this.transaction = transaction;
        this.worker = worker;
    }

    @Override
    public Set<UploadKind> kinds() {
        return Set.of(UploadKind.BUILD_RESULT);
    }

    @Override
    public void receive(CompleteUpload upload) throws Exception {
        var changes = upload.changes();
        try {
            // Our own key (we are our own builder) or an active Remote's.
            verifier.verifyClearsigned(changes.original(), keys.get().publicKeyring().plus(remotes.activeKeyring()));
        } catch (VerificationException e) {
            // Not from a builder of ours: nothing to do with it but keep it for inspection.
            quarantine(upload, "build result not signed by a trusted builder: " + e.getMessage());
            return;
        }
        var timecode = changes.get("X-Mini-Buildd-Timecode").orElse("");
        var arch = changes.architectures().isEmpty() ? "" : changes.architectures().getFirst();
        var row = uploads.byBuildKey(changes.source(), changes.version().toString(), timecode);
        if (row.isEmpty()) {
            quarantine(upload, "stray build result: no upload " + changes.source() + "/" + changes.version() + "/" + timecode
                    + " is being packaged here");
            return;
        }
        var dir = home.events().resolve(changes.source()).resolve(changes.version().toString()).resolve(timecode).resolve(arch);
        upload.linkTo(dir);
        for (var file : upload.files()) {
            var name = file.getFileName().toString();
            if (name.endsWith(".tar")) {
                runner.run(Command.of("tar", "--extract", "--file", dir.resolve(name).toString(), "--directory", dir.toString(),
                        "--no-same-owner"));
            }
        }
        var status = changes.get("X-Mini-Buildd-Sbuild-Status").orElse("");
        var lintian = changes.get("X-Mini-Buildd-Sbuild-Lintian").orElse("");
        var uploadId = row.get().id();
        var recorded = Boolean.TRUE.equals(transaction.execute(s -> builds.built(uploadId, arch, status, lintian, dir)));
        log.info("build result {} for {}: {}{}", arch, row.get().changesName(), status, recorded ? "" : " (already recorded)");
        worker.wake();
    }

    private void quarantine(CompleteUpload upload, String reason) throws java.io.IOException {
        var dir = home.rejected().resolve(upload.changesName() + "-" + upload.changesSha256().substring(0, 12));
        upload.linkTo(dir);
        Files.writeString(dir.resolve(".rejected"), reason + "\n");
        log.warn("{} kept in {}: {}", upload.changesName(), dir, reason);
    }

    @Override
    public void rejected(RejectedUpload upload) {
        log.warn("incoming refused build result {}: {} (files in {})", upload.name(), upload.reason(), upload.quarantine());
    }

    /** sbuild's own {@code .changes} in a result directory: {@code <source>_<version without epoch>_<arch>.changes}. */
    static Path sbuildChanges(Path resultDir, String source, String version, String arch) {
        var noEpoch = version.substring(version.indexOf(':') + 1);
        return resultDir.resolve(source + "_" + noEpoch + "_" + arch + ".changes");
    }
}
