package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.ARCHIVE;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.DISTRIBUTION;
import static org.minibuildd.db.Tables.PRIORITY_SOURCE;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.SOURCE;

import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.config.SourceRef;
import org.springframework.stereotype.Repository;

/**
 * Whether the objects {@code setup} would create are there already: it inspects before it changes anything, and
 * reports missing objects when it is not asked to update.
 */
@Repository
public class SetupStore {

    private final DSLContext db;

    SetupStore(DSLContext db) {
        this.db = db;
    }

    public boolean hasArchive(String url) {
        return db.fetchExists(ARCHIVE, ARCHIVE.URL.eq(url));
    }

    public boolean hasAptKey(String keyId) {
        return db.fetchExists(APT_KEY, APT_KEY.KEY_ID.eq(keyId));
    }

    public boolean hasSource(SourceRef source) {
        return db.fetchExists(SOURCE, SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()));
    }

    public boolean hasPrioritySource(SourceRef source, int priority) {
        return db.fetchExists(db.selectOne().from(PRIORITY_SOURCE).join(SOURCE).on(SOURCE.ID.eq(PRIORITY_SOURCE.SOURCE_ID))
                .where(SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()),
                        PRIORITY_SOURCE.PRIORITY.eq(priority)));
    }

    /** The distribution based on the source, if there is one. */
    public Optional<Long> distribution(SourceRef base) {
        return db.select(DISTRIBUTION.ID).from(DISTRIBUTION).join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID))
                .where(SOURCE.ORIGIN.eq(base.origin()), SOURCE.CODENAME.eq(base.codename())).fetchOptional(DISTRIBUTION.ID);
    }

    public boolean hasRepository(String identity) {
        return db.fetchExists(REPOSITORY, REPOSITORY.IDENTITY.eq(identity));
    }

    public boolean hasChroot(SourceRef source, String architecture) {
        return db.fetchExists(db.selectOne().from(CHROOT).join(SOURCE).on(SOURCE.ID.eq(CHROOT.SOURCE_ID))
                .where(SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()),
                        CHROOT.ARCHITECTURE.eq(architecture)));
    }
}
