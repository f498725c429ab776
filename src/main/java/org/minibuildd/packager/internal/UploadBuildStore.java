package org.minibuildd.packager.internal;

import static org.minibuildd.db.Tables.UPLOAD_BUILD;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The {@code upload_build} table: the packager's view of each architecture's build of an upload. */
@Repository
class UploadBuildStore {

    enum State { REQUESTED, SENT, BUILT }

    record Row(long id, long uploadId, String architecture, State state, String builder, String sbuildStatus,
               String lintian, String resultDir, int attempts, String lastError) { }

    private final DSLContext db;

    UploadBuildStore(DSLContext db) {
        this.db = db;
    }

    void request(long uploadId, String architecture, String builder) {
        db.insertInto(UPLOAD_BUILD).set(UPLOAD_BUILD.UPLOAD_ID, uploadId).set(UPLOAD_BUILD.ARCHITECTURE, architecture)
                .set(UPLOAD_BUILD.BUILDER, builder).onConflict(UPLOAD_BUILD.UPLOAD_ID, UPLOAD_BUILD.ARCHITECTURE).doNothing().execute();
    }

    /** A request due for (re)sending, locked: never tried, or its last try longer ago than its back-off. */
    Optional<Row> claimDue() {
        return db.selectFrom(UPLOAD_BUILD).where(UPLOAD_BUILD.STATE.eq(State.REQUESTED.name()))
                .and(UPLOAD_BUILD.UPDATED.le(org.jooq.impl.DSL.field(
                        "now() - make_interval(secs => least(300, 5 * {0}))", OffsetDateTime.class, UPLOAD_BUILD.ATTEMPTS)))
                .orderBy(UPLOAD_BUILD.ID).limit(1).forUpdate().skipLocked().fetchOptional(this::row);
    }

    void sent(long id) {
        db.update(UPLOAD_BUILD).set(UPLOAD_BUILD.STATE, State.SENT.name()).set(UPLOAD_BUILD.LAST_ERROR, "")
                .set(UPLOAD_BUILD.UPDATED, OffsetDateTime.now()).where(UPLOAD_BUILD.ID.eq(id)).execute();
    }

    void failedToSend(long id, String error) {
        db.update(UPLOAD_BUILD).set(UPLOAD_BUILD.ATTEMPTS, UPLOAD_BUILD.ATTEMPTS.plus(1))
                .set(UPLOAD_BUILD.LAST_ERROR, error.length() > 2000 ? error.substring(0, 2000) : error)
                .set(UPLOAD_BUILD.UPDATED, OffsetDateTime.now()).where(UPLOAD_BUILD.ID.eq(id)).execute();
    }

    /** Records a result; false when this architecture's result was already in (a resent result). */
    boolean built(long uploadId, String architecture, String sbuildStatus, String lintian, Path resultDir) {
        return db.update(UPLOAD_BUILD).set(UPLOAD_BUILD.STATE, State.BUILT.name()).set(UPLOAD_BUILD.SBUILD_STATUS, sbuildStatus)
                .set(UPLOAD_BUILD.LINTIAN, lintian).set(UPLOAD_BUILD.RESULT_DIR, resultDir.toString())
                .set(UPLOAD_BUILD.UPDATED, OffsetDateTime.now())
                .where(UPLOAD_BUILD.UPLOAD_ID.eq(uploadId)).and(UPLOAD_BUILD.ARCHITECTURE.eq(architecture))
                .and(UPLOAD_BUILD.STATE.ne(State.BUILT.name())).execute() == 1;
    }

    List<Row> of(long uploadId) {
        return db.selectFrom(UPLOAD_BUILD).where(UPLOAD_BUILD.UPLOAD_ID.eq(uploadId)).orderBy(UPLOAD_BUILD.ARCHITECTURE).fetch(this::row);
    }

    private Row row(org.minibuildd.db.tables.records.UploadBuildRecord r) {
        return new Row(r.getId(), r.getUploadId(), r.getArchitecture(), State.valueOf(r.getState()), r.getBuilder(),
                r.getSbuildStatus(), r.getLintian(), r.getResultDir(), r.getAttempts(), r.getLastError());
    }
}
