package org.minibuildd.packager.internal;

import static org.minibuildd.db.Tables.AUTO_PORT;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.db.tables.records.AutoPortRecord;
import org.minibuildd.debian.Version;
import org.springframework.stereotype.Repository;

/**
 * The {@code auto_port} table: the planned auto-ports of installed uploads, PENDING until the worker made them.
 * An auto-port is always a port of our own pool (an unauthenticated {@code file:} fetch) without comments.
 */
@Repository
class AutoPortStore {

    enum State { PENDING, DONE, FAILED }

    /** One planned auto-port: the plan to make, and whose upload it belongs to. */
    record Row(long id, String uploadKey, String version, String fromDistribution, PortPlan plan, State state, int attempts,
               OffsetDateTime created) {
    }

    private final DSLContext db;

    AutoPortStore(DSLContext db) {
        this.db = db;
    }

    /** Records the plan PENDING, in the caller's (the install's) transaction; once per upload and target. */
    void insert(String uploadKey, String version, String fromDistribution, PortPlan plan) {
        db.insertInto(AUTO_PORT).set(AUTO_PORT.UPLOAD_KEY, uploadKey).set(AUTO_PORT.SOURCE, plan.source())
                .set(AUTO_PORT.VERSION, version).set(AUTO_PORT.FROM_DISTRIBUTION, fromDistribution)
                .set(AUTO_PORT.DISTRIBUTION, plan.distribution()).set(AUTO_PORT.PORT_VERSION, plan.version().toString())
                .set(AUTO_PORT.DSC_URL, plan.dscUrl()).set(AUTO_PORT.PUBLIC_URL, plan.publicUrl())
                .set(AUTO_PORT.OPTIONS, String.join("\n", plan.options()))
                .onConflict(AUTO_PORT.UPLOAD_KEY, AUTO_PORT.DISTRIBUTION).doNothing().execute();
    }

    /** The oldest due PENDING port, locked for this transaction; others skip it. */
    Optional<Row> claimDue() {
        return db.selectFrom(AUTO_PORT).where(AUTO_PORT.STATE.eq(State.PENDING.name())).and(AUTO_PORT.DUE.le(OffsetDateTime.now()))
                .orderBy(AUTO_PORT.ID).limit(1).forUpdate().skipLocked().fetchOptional(AutoPortStore::row);
    }

    void done(long id) {
        finish(id, State.DONE, "");
    }

    void failed(long id, String reason) {
        finish(id, State.FAILED, reason);
    }

    /** A try that failed for a reason that may pass (our own incoming not answering yet): again after {@code delay}. */
    void retryLater(long id, String reason, Duration delay) {
        db.update(AUTO_PORT).set(AUTO_PORT.ATTEMPTS, AUTO_PORT.ATTEMPTS.plus(1)).set(AUTO_PORT.LAST_ERROR, truncate(reason))
                .set(AUTO_PORT.DUE, OffsetDateTime.now().plus(delay)).set(AUTO_PORT.UPDATED, OffsetDateTime.now())
                .where(AUTO_PORT.ID.eq(id)).execute();
    }

    /** The ids of the PENDING ports. */
    java.util.Set<Long> pendingIds() {
        return db.select(AUTO_PORT.ID).from(AUTO_PORT).where(AUTO_PORT.STATE.eq(State.PENDING.name())).fetchSet(AUTO_PORT.ID);
    }

    private void finish(long id, State state, String note) {
        db.update(AUTO_PORT).set(AUTO_PORT.STATE, state.name()).set(AUTO_PORT.ATTEMPTS, AUTO_PORT.ATTEMPTS.plus(1))
                .set(AUTO_PORT.LAST_ERROR, truncate(note)).set(AUTO_PORT.UPDATED, OffsetDateTime.now())
                .where(AUTO_PORT.ID.eq(id)).execute();
    }

    private static Row row(AutoPortRecord r) {
        var options = r.getOptions().isEmpty() ? List.<String>of() : Arrays.asList(r.getOptions().split("\n"));
        var plan = new PortPlan(r.getDscUrl(), r.getPublicUrl(), r.getSource(), r.getDistribution(), Version.parse(r.getPortVersion()),
                List.of(), options, true);
        return new Row(r.getId(), r.getUploadKey(), r.getVersion(), r.getFromDistribution(), plan, State.valueOf(r.getState()),
                r.getAttempts(), r.getCreated());
    }

    private static String truncate(String text) {
        var t = text == null ? "" : text;
        return t.length() <= 4000 ? t : t.substring(0, 3997) + "...";
    }
}
