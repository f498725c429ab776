package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.ARCHITECTURE;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.COMPONENT;
import static org.minibuildd.db.Tables.DISTRIBUTION;
import static org.minibuildd.db.Tables.DISTRIBUTION_ARCHITECTURE;
import static org.minibuildd.db.Tables.DISTRIBUTION_COMPONENT;
import static org.minibuildd.db.Tables.DISTRIBUTION_EXTRA_SOURCE;
import static org.minibuildd.db.Tables.PRIORITY_SOURCE;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.REPOSITORY_DISTRIBUTION;
import static org.minibuildd.db.Tables.SOURCE;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.minibuildd.config.SourceRef;
import org.springframework.stereotype.Repository;

/** Distributions, Repositories and Chroots: what repositories hold and what builds them. */
@Repository
public class DistributionStore {

    private final DSLContext db;

    DistributionStore(DSLContext db) {
        this.db = db;
    }

    /** Adds (or finds) the distribution based on the source; returns its id. */
    public long addDistribution(long baseSourceId, List<String> components, List<String> architectures,
                                List<Long> extraPrioritySourceIds) {
        var existing = db.select(DISTRIBUTION.ID).from(DISTRIBUTION).where(DISTRIBUTION.BASE_SOURCE_ID.eq(baseSourceId))
                .fetchOptional(DISTRIBUTION.ID);
        long id = existing.orElseGet(() -> db.insertInto(DISTRIBUTION, DISTRIBUTION.BASE_SOURCE_ID).values(baseSourceId)
                .returning(DISTRIBUTION.ID).fetchOne(DISTRIBUTION.ID));
        for (var component : components) {
            db.insertInto(COMPONENT, COMPONENT.NAME).values(component).onConflictDoNothing().execute();
            db.insertInto(DISTRIBUTION_COMPONENT, DISTRIBUTION_COMPONENT.DISTRIBUTION_ID, DISTRIBUTION_COMPONENT.COMPONENT)
                    .values(id, component).onConflictDoNothing().execute();
        }
        for (int i = 0; i < architectures.size(); i++) {
            db.insertInto(ARCHITECTURE, ARCHITECTURE.NAME).values(architectures.get(i)).onConflictDoNothing().execute();
            // The first architecture builds the arch-all packages, as mini-buildd's setup does.
            db.insertInto(DISTRIBUTION_ARCHITECTURE, DISTRIBUTION_ARCHITECTURE.DISTRIBUTION_ID,
                            DISTRIBUTION_ARCHITECTURE.ARCHITECTURE, DISTRIBUTION_ARCHITECTURE.BUILD_ARCHITECTURE_ALL)
                    .values(id, architectures.get(i), i == 0).onConflictDoNothing().execute();
        }
        for (var extra : extraPrioritySourceIds) {
            db.insertInto(DISTRIBUTION_EXTRA_SOURCE, DISTRIBUTION_EXTRA_SOURCE.DISTRIBUTION_ID,
                    DISTRIBUTION_EXTRA_SOURCE.PRIORITY_SOURCE_ID).values(id, extra).onConflictDoNothing().execute();
        }
        return id;
    }

    public long addPrioritySource(long sourceId, int priority) {
        db.insertInto(PRIORITY_SOURCE, PRIORITY_SOURCE.SOURCE_ID, PRIORITY_SOURCE.PRIORITY).values(sourceId, priority)
                .onConflictDoNothing().execute();
        return db.select(PRIORITY_SOURCE.ID).from(PRIORITY_SOURCE)
                .where(PRIORITY_SOURCE.SOURCE_ID.eq(sourceId), PRIORITY_SOURCE.PRIORITY.eq(priority)).fetchOne(PRIORITY_SOURCE.ID);
    }

    /** Adds the repository if new (an existing one keeps its options); returns whether it was new. */
    public boolean addRepository(String identity, String layout, List<Long> distributionIds, boolean allowUnauthenticated,
                                 String extraUploaderKeyrings) {
        int inserted = db.insertInto(REPOSITORY, REPOSITORY.IDENTITY, REPOSITORY.LAYOUT,
                        REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS, REPOSITORY.EXTRA_UPLOADER_KEYRINGS)
                .values(identity, layout, allowUnauthenticated, extraUploaderKeyrings)
                .onConflict(REPOSITORY.IDENTITY).doNothing().execute();
        for (var distribution : distributionIds) {
            db.insertInto(REPOSITORY_DISTRIBUTION, REPOSITORY_DISTRIBUTION.REPOSITORY, REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID)
                    .values(identity, distribution).onConflictDoNothing().execute();
        }
        return inserted == 1;
    }

    public boolean addChroot(long sourceId, String architecture, String backend) {
        db.insertInto(ARCHITECTURE, ARCHITECTURE.NAME).values(architecture).onConflictDoNothing().execute();
        return db.insertInto(CHROOT, CHROOT.SOURCE_ID, CHROOT.ARCHITECTURE, CHROOT.BACKEND).values(sourceId, architecture, backend)
                .onConflictDoNothing().execute() == 1;
    }

    /** Base and extra sources of every distribution of the repository. */
    public List<SourceRef> sourcesOfRepository(String identity) {
        var distributionIds = DSL.select(REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID).from(REPOSITORY_DISTRIBUTION)
                .where(REPOSITORY_DISTRIBUTION.REPOSITORY.eq(identity));
        var base = DSL.select(DISTRIBUTION.BASE_SOURCE_ID).from(DISTRIBUTION).where(DISTRIBUTION.ID.in(distributionIds));
        var extra = DSL.select(PRIORITY_SOURCE.SOURCE_ID).from(PRIORITY_SOURCE).join(DISTRIBUTION_EXTRA_SOURCE)
                .on(DISTRIBUTION_EXTRA_SOURCE.PRIORITY_SOURCE_ID.eq(PRIORITY_SOURCE.ID))
                .where(DISTRIBUTION_EXTRA_SOURCE.DISTRIBUTION_ID.in(distributionIds));
        return db.select(SOURCE.ORIGIN, SOURCE.CODENAME).from(SOURCE).where(SOURCE.ID.in(base).or(SOURCE.ID.in(extra)))
                .orderBy(SOURCE.ORIGIN, SOURCE.CODENAME).fetch(r -> new SourceRef(r.value1(), r.value2()));
    }

    public List<String> codenamesOfRepository(String identity) {
        return db.select(SOURCE.CODENAME).from(REPOSITORY_DISTRIBUTION)
                .join(DISTRIBUTION).on(DISTRIBUTION.ID.eq(REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID))
                .join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID))
                .where(REPOSITORY_DISTRIBUTION.REPOSITORY.eq(identity)).orderBy(SOURCE.CODENAME).fetch(SOURCE.CODENAME);
    }

    public String layoutOfRepository(String identity) {
        return db.select(REPOSITORY.LAYOUT).from(REPOSITORY).where(REPOSITORY.IDENTITY.eq(identity)).fetchOne(REPOSITORY.LAYOUT);
    }

    public List<String> repositories() {
        return db.select(REPOSITORY.IDENTITY).from(REPOSITORY).orderBy(REPOSITORY.IDENTITY).fetch(REPOSITORY.IDENTITY);
    }

}
