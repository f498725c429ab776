package org.minibuildd.packager.internal;

import static org.minibuildd.db.Tables.UPLOAD;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.debian.UploadKey;
import org.springframework.stereotype.Repository;

/** The {@code upload} table: one row per user upload, its state moved forward by the packager. */
@Repository
class UploadStore {

    enum State { RECEIVED, PACKAGING, INSTALLED, FAILED, REJECTED }

    record Row(long id, String key, String changesName, String source, String version, String distribution,
               String timecode, Path dir, State state, String reason) {

        /** {@code <source>/<version>/<timecode>}, which names the upload's directories and events. */
        UploadKey uploadKey() {
            return new UploadKey(source, version, timecode);
        }
    }

    private final DSLContext db;

    UploadStore(DSLContext db) {
        this.db = db;
    }

    boolean exists(String key) {
        return db.fetchExists(UPLOAD, UPLOAD.UPLOAD_KEY.eq(key));
    }

    /** Whether an upload of {@code source} {@code version} was received at or after {@code since}, in any state. */
    boolean receivedSince(String source, String version, OffsetDateTime since) {
        return db.fetchExists(UPLOAD, UPLOAD.SOURCE.eq(source).and(UPLOAD.VERSION.eq(version)).and(UPLOAD.RECEIVED.ge(since)));
    }

    /** Records a received upload; false when it is already known (delivered again after a crash). */
    boolean insertReceived(String key, String changesName, String source, String version, String distribution,
                           String timecode, Path dir) {
        return db.insertInto(UPLOAD).set(UPLOAD.UPLOAD_KEY, key).set(UPLOAD.CHANGES_NAME, changesName)
                .set(UPLOAD.SOURCE, source).set(UPLOAD.VERSION, version).set(UPLOAD.DISTRIBUTION, distribution)
                .set(UPLOAD.TIMECODE, timecode).set(UPLOAD.DIR, dir.toString())
                .onConflict(UPLOAD.UPLOAD_KEY).doNothing().execute() == 1;
    }

    /** The oldest upload in {@code state}, locked for this transaction; others skip it. */
    Optional<Row> claim(State state) {
        return db.selectFrom(UPLOAD).where(UPLOAD.STATE.eq(state.name())).orderBy(UPLOAD.ID).limit(1)
                .forUpdate().skipLocked().fetchOptional(this::row);
    }

    void move(long id, State state, String reason, Path dir) {
        db.update(UPLOAD).set(UPLOAD.STATE, state.name()).set(UPLOAD.REASON, reason == null ? "" : truncate(reason))
                .set(UPLOAD.DIR, dir.toString()).set(UPLOAD.UPDATED, OffsetDateTime.now()).where(UPLOAD.ID.eq(id)).execute();
    }

    /** Sets the distribution an accepted upload resolved to (a meta distribution like {@code unstable} mapped). */
    void resolve(long id, String distribution) {
        db.update(UPLOAD).set(UPLOAD.DISTRIBUTION, distribution).where(UPLOAD.ID.eq(id)).execute();
    }

    /** The upload of a build key ({@code <source>/<version>/<timecode>}). */
    Optional<Row> byBuildKey(String source, String version, String timecode) {
        return db.selectFrom(UPLOAD).where(UPLOAD.SOURCE.eq(source)).and(UPLOAD.VERSION.eq(version))
                .and(UPLOAD.TIMECODE.eq(timecode)).fetchOptional(this::row);
    }

    /**
     * A PACKAGING upload whose every build result is in, locked for this transaction; others skip it.
     */
    Optional<Row> claimComplete() {
        var builds = org.minibuildd.db.Tables.UPLOAD_BUILD;
        return db.selectFrom(UPLOAD).where(UPLOAD.STATE.eq(State.PACKAGING.name()))
                .andNotExists(db.selectOne().from(builds).where(builds.UPLOAD_ID.eq(UPLOAD.ID)).and(builds.STATE.ne("BUILT")))
                .andExists(db.selectOne().from(builds).where(builds.UPLOAD_ID.eq(UPLOAD.ID)))
                .orderBy(UPLOAD.ID).limit(1).forUpdate().skipLocked().fetchOptional(this::row);
    }

    List<Row> recent(int limit) {
        return db.selectFrom(UPLOAD).orderBy(UPLOAD.ID.desc()).limit(limit).fetch(this::row);
    }

    Optional<Row> byId(long id) {
        return db.selectFrom(UPLOAD).where(UPLOAD.ID.eq(id)).fetchOptional(this::row);
    }

    Optional<Row> byKey(String key) {
        return db.selectFrom(UPLOAD).where(UPLOAD.UPLOAD_KEY.eq(key)).fetchOptional(this::row);
    }

    private Row row(org.minibuildd.db.tables.records.UploadRecord r) {
        return new Row(r.getId(), r.getUploadKey(), r.getChangesName(), r.getSource(), r.getVersion(), r.getDistribution(),
                r.getTimecode(), Path.of(r.getDir()), State.valueOf(r.getState()), r.getReason());
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}
