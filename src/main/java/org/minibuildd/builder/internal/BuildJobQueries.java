package org.minibuildd.builder.internal;

import static org.minibuildd.db.Tables.BUILD_JOB;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.minibuildd.builder.BuildJob;
import org.minibuildd.db.tables.records.BuildJobRecord;
import org.minibuildd.debian.UploadKey;
import org.springframework.stereotype.Repository;

/** Reads of the {@code build_job} table for lists; the queue's own writes stay in {@link BuildJobStore}. */
@Repository
public class BuildJobQueries {

    private final DSLContext db;

    BuildJobQueries(DSLContext db) {
        this.db = db;
    }

    public List<BuildJob> list(Set<BuildJob.State> states, int offset, int limit) {
        return db.selectFrom(BUILD_JOB).where(inStates(states)).orderBy(BUILD_JOB.ID.desc()).offset(offset).limit(limit)
                .fetch(BuildJobQueries::job);
    }

    public int count(Set<BuildJob.State> states) {
        return db.fetchCount(BUILD_JOB, inStates(states));
    }

    public Optional<BuildJob> find(String bkey) {
        return db.selectFrom(BUILD_JOB).where(BUILD_JOB.BKEY.eq(bkey)).orderBy(BUILD_JOB.ID.desc()).limit(1)
                .fetchOptional(BuildJobQueries::job);
    }

    public List<BuildJob> of(String source, int limit) {
        return db.selectFrom(BUILD_JOB).where(BUILD_JOB.SOURCE.eq(source)).orderBy(BUILD_JOB.ID.desc()).limit(limit)
                .fetch(BuildJobQueries::job);
    }

    public Optional<Duration> lastDuration(String source, String architecture) {
        return db.selectFrom(BUILD_JOB).where(BUILD_JOB.SOURCE.eq(source)).and(BUILD_JOB.ARCHITECTURE.eq(architecture))
                .and(BUILD_JOB.STATE.in(BuildJob.State.BUILT.name(), BuildJob.State.SENT.name()))
                .and(BUILD_JOB.STARTED.isNotNull()).and(BUILD_JOB.FINISHED.isNotNull())
                .orderBy(BUILD_JOB.FINISHED.desc()).limit(1).fetchOptional(BuildJobQueries::job)
                .flatMap(job -> job.duration(job.finished()));
    }

    private static Condition inStates(Set<BuildJob.State> states) {
        return states.isEmpty() ? DSL.noCondition() : BUILD_JOB.STATE.in(states.stream().map(Enum::name).toList());
    }

    private static BuildJob job(BuildJobRecord r) {
        var dir = Path.of(r.getDir());
        var log = dir.resolve(UploadKey.parse(r.getBkey()).buildlogName(r.getArchitecture()));
        return new BuildJob(r.getId(), r.getBkey(), r.getSource(), r.getVersion(), r.getDistribution(), r.getArchitecture(),
                BuildJob.State.valueOf(r.getState()), r.getStatus(), instant(r.getReceived()), instant(r.getStarted()),
                instant(r.getFinished()), log, r.getLastError());
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
