package org.minibuildd.daemon.internal;

import static org.minibuildd.db.Tables.DAEMON;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The Daemon row: created on first start, keeps the instance identity across restarts. */
@Repository
public class DaemonStore {

    private final DSLContext db;

    DaemonStore(DSLContext db) {
        this.db = db;
    }

    /**
     * The identity to run with: an explicitly configured one wins (and is stored), otherwise the stored one,
     * otherwise the default derived from the host name on the very first start.
     */
    @Transactional
    public String settleIdentity(String configured, String fallback) {
        var stored = db.select(DAEMON.IDENTITY).from(DAEMON).where(DAEMON.ID.eq((short) 1)).forUpdate().fetchOne(DAEMON.IDENTITY);
        var identity = configured != null ? configured : stored != null ? stored : fallback;
        db.insertInto(DAEMON, DAEMON.ID, DAEMON.IDENTITY).values((short) 1, identity)
                .onConflict(DAEMON.ID).doUpdate().set(DAEMON.IDENTITY, identity)
                .execute();
        return identity;
    }
}
