package org.minibuildd.incoming;

import java.util.Set;

/**
 * Takes complete uploads out of incoming: implemented by the feature that owns the next step (the packager for
 * user uploads and build results, the builder for build requests) as a Spring bean. At most one receiver per
 * {@link UploadKind}; while no receiver for a kind exists, uploads of that kind wait in the spool.
 *
 * <p>Incoming calls receivers from one thread, one upload at a time.
 */
public interface IncomingReceiver {

    /** The kinds this receiver takes. */
    Set<UploadKind> kinds();

    /**
     * Takes the upload over durably: copy the files to a place of your own (see {@link CompleteUpload#linkTo}),
     * commit your own state, then return. Only after a normal return does incoming remove the files from the
     * spool.
     *
     * <p>If this throws, incoming keeps the files and calls again at its next scan (logged, nothing lost).
     * <b>It must be idempotent:</b> a crash between your commit and incoming's removal delivers the same upload
     * again after the restart; recognise it by {@link CompleteUpload#key()} (the {@code .changes}' name and
     * SHA-256) and just return.
     */
    void receive(CompleteUpload upload) throws Exception;

    /**
     * Reports an upload incoming refused (bad {@code .changes}, bad checksum or size, a file missing after the
     * timeout, stray files); its files are already in {@link RejectedUpload#quarantine()}. Record it (e.g. as a
     * REJECTED event) and return. If this throws, the report is made again at the next scan; after a crash it
     * may come twice (same quarantine directory: dedupe by it).
     */
    void rejected(RejectedUpload upload) throws Exception;
}
