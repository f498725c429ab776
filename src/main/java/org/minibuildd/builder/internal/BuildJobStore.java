package org.minibuildd.builder.internal;

import static org.minibuildd.db.Tables.BUILD_JOB;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The {@code build_job} table: the builder's queue. */
@Repository
class BuildJobStore {

    enum State { QUEUED, BUILDING, BUILT, SENT }

    record Row(long id, String requestKey, String bkey, String source, String version, String distribution,
               String architecture, Path dir, String uploadTo, State state, String status, int attempts, Long pid) { }

    private final DSLContext db;

    BuildJobStore(DSLContext db) {
        this.db = db;
    }

    boolean exists(String requestKey) {
        return db.fetchExists(BUILD_JOB, BUILD_JOB.REQUEST_KEY.eq(requestKey));
    }

    void queue(String requestKey, String bkey, String source, String version, String distribution, String architecture,
               Path dir, String uploadTo) {
        db.insertInto(BUILD_JOB).set(BUILD_JOB.REQUEST_KEY, requestKey).set(BUILD_JOB.BKEY, bkey).set(BUILD_JOB.SOURCE, source)
                .set(BUILD_JOB.VERSION, version).set(BUILD_JOB.DISTRIBUTION, distribution).set(BUILD_JOB.ARCHITECTURE, architecture)
                .set(BUILD_JOB.DIR, dir.toString()).set(BUILD_JOB.UPLOAD_TO, uploadTo)
                .onConflict(BUILD_JOB.REQUEST_KEY).doNothing().execute();
    }

    /**
     * The oldest queued build, locked; others skip it. Builds for the {@code held} chroots ({@code <codename>:<arch>},
     * chroots of ours that do not work now) wait.
     */
    Optional<Row> claimQueued(java.util.Collection<String> held) {
        // The codename is the distribution string's first word (<codename>-<repository>-<suite>).
        var chroot = org.jooq.impl.DSL.field("split_part({0}, '-', 1) || ':' || {1}", String.class,
                BUILD_JOB.DISTRIBUTION, BUILD_JOB.ARCHITECTURE);
        return db.selectFrom(BUILD_JOB).where(BUILD_JOB.STATE.eq(State.QUEUED.name()))
                .and(held.isEmpty() ? org.jooq.impl.DSL.noCondition() : chroot.notIn(held))
                .and(BUILD_JOB.FINISHED.isNull().or(BUILD_JOB.FINISHED.le(org.jooq.impl.DSL.field(
                        "now() - make_interval(secs => least(600, 30 * {0}))", OffsetDateTime.class, BUILD_JOB.ATTEMPTS))))
                .orderBy(BUILD_JOB.ID).limit(1)
                .forUpdate().skipLocked().fetchOptional(this::row);
    }

    /** A built result due for (re)sending, locked: with a back-off that grows with its failed tries. */
    Optional<Row> claimUnsent() {
        return db.selectFrom(BUILD_JOB).where(BUILD_JOB.STATE.eq(State.BUILT.name()))
                .and(BUILD_JOB.FINISHED.le(org.jooq.impl.DSL.field(
                        "now() - make_interval(secs => least(300, 5 * {0}))", OffsetDateTime.class, BUILD_JOB.ATTEMPTS)))
                .orderBy(BUILD_JOB.ID).limit(1).forUpdate().skipLocked().fetchOptional(this::row);
    }

    List<Row> inState(State state) {
        return db.selectFrom(BUILD_JOB).where(BUILD_JOB.STATE.eq(state.name())).orderBy(BUILD_JOB.ID).fetch(this::row);
    }

    void building(long id) {
        db.update(BUILD_JOB).set(BUILD_JOB.STATE, State.BUILDING.name()).set(BUILD_JOB.STARTED, OffsetDateTime.now())
                .setNull(BUILD_JOB.PID).where(BUILD_JOB.ID.eq(id)).execute();
    }

    void pid(long id, long pid) {
        db.update(BUILD_JOB).set(BUILD_JOB.PID, pid).where(BUILD_JOB.ID.eq(id)).execute();
    }

    void requeue(long id) {
        db.update(BUILD_JOB).set(BUILD_JOB.STATE, State.QUEUED.name()).setNull(BUILD_JOB.PID).where(BUILD_JOB.ID.eq(id)).execute();
    }

    /** Back to the queue after a failure of our own (not of the package), tried again after a growing pause. */
    void retryLater(long id, String error) {
        db.update(BUILD_JOB).set(BUILD_JOB.STATE, State.QUEUED.name()).setNull(BUILD_JOB.PID)
                .set(BUILD_JOB.ATTEMPTS, BUILD_JOB.ATTEMPTS.plus(1)).set(BUILD_JOB.FINISHED, OffsetDateTime.now())
                .set(BUILD_JOB.LAST_ERROR, error.length() > 2000 ? error.substring(0, 2000) : error)
                .where(BUILD_JOB.ID.eq(id)).execute();
    }

    void built(long id, String status) {
        db.update(BUILD_JOB).set(BUILD_JOB.STATE, State.BUILT.name()).set(BUILD_JOB.STATUS, status).set(BUILD_JOB.ATTEMPTS, 0)
                .set(BUILD_JOB.FINISHED, OffsetDateTime.now()).setNull(BUILD_JOB.PID).where(BUILD_JOB.ID.eq(id)).execute();
    }

    void sent(long id) {
        db.update(BUILD_JOB).set(BUILD_JOB.STATE, State.SENT.name()).set(BUILD_JOB.LAST_ERROR, "").where(BUILD_JOB.ID.eq(id)).execute();
    }

    void failedToSend(long id, String error) {
        db.update(BUILD_JOB).set(BUILD_JOB.ATTEMPTS, BUILD_JOB.ATTEMPTS.plus(1))
                .set(BUILD_JOB.LAST_ERROR, error.length() > 2000 ? error.substring(0, 2000) : error)
                .set(BUILD_JOB.FINISHED, OffsetDateTime.now()).where(BUILD_JOB.ID.eq(id)).execute();
    }

    private Row row(org.minibuildd.db.tables.records.BuildJobRecord r) {
        return new Row(r.getId(), r.getRequestKey(), r.getBkey(), r.getSource(), r.getVersion(), r.getDistribution(),
                r.getArchitecture(), Path.of(r.getDir()), r.getUploadTo(), State.valueOf(r.getState()), r.getStatus(),
                r.getAttempts(), r.getPid());
    }
}
