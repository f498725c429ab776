package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.DAEMON;
import static org.minibuildd.db.Tables.REMOTE;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.UPLOADER;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.minibuildd.config.CheckState;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.Status;
import org.minibuildd.config.StatusState;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the lifecycle columns (status, check_state, last_checked, status_message) that every table
 * of an object with data on the system carries, addressing rows by the object's natural key.
 */
@Repository
public class StatusStore {

    private static final Field<Short> STATUS = DSL.field(DSL.name("status"), Short.class);
    private static final Field<String> CHECK_STATE = DSL.field(DSL.name("check_state"), String.class);
    private static final Field<OffsetDateTime> LAST_CHECKED = DSL.field(DSL.name("last_checked"), OffsetDateTime.class);
    private static final Field<String> STATUS_MESSAGE = DSL.field(DSL.name("status_message"), String.class);

    private final DSLContext db;

    StatusStore(DSLContext db) {
        this.db = db;
    }

    public StatusState state(ObjectRef object) {
        var row = db.select(STATUS, CHECK_STATE, LAST_CHECKED).from(table(object)).where(row(object)).fetchOne();
        if (row == null) {
            throw new IllegalArgumentException(object + " does not exist");
        }
        var checkedAt = row.value3() == null ? null : row.value3().toInstant();
        return new StatusState(Status.values()[row.value1()], CheckState.of(row.value2(), checkedAt));
    }

    public void save(ObjectRef object, StatusState state) {
        var update = db.update(table(object))
                .set(STATUS, (short) state.status().ordinal())
                .set(CHECK_STATE, state.check().code());
        if (state.check() instanceof CheckState.Checked checked) {
            update.set(LAST_CHECKED, OffsetDateTime.ofInstant(checked.at(), ZoneOffset.UTC));
        }
        if (update.where(row(object)).execute() != 1) {
            throw new IllegalArgumentException(object + " does not exist");
        }
    }

    public void message(ObjectRef object, String message) {
        var text = message.length() > 2000 ? message.substring(0, 1997) + "..." : message;
        db.update(table(object)).set(STATUS_MESSAGE, text).where(row(object)).execute();
    }

    public String message(ObjectRef object) {
        return db.select(STATUS_MESSAGE).from(table(object)).where(row(object)).fetchOne(STATUS_MESSAGE);
    }


    private static Table<? extends Record> table(ObjectRef object) {
        return switch (object.type()) {
            case DAEMON -> DAEMON;
            case APT_KEY -> APT_KEY;
            case UPLOADER -> UPLOADER;
            case REMOTE -> REMOTE;
            case SOURCE -> SOURCE;
            case REPOSITORY -> REPOSITORY;
            case CHROOT -> CHROOT;
        };
    }

    /** Natural keys: see {@link ObjectKeys}. */
    private static Condition row(ObjectRef object) {
        var key = object.key();
        return switch (object.type()) {
            case DAEMON -> DAEMON.ID.eq((short) 1);
            case APT_KEY -> APT_KEY.KEY_ID.eq(key);
            case UPLOADER -> UPLOADER.USERNAME.eq(key);
            case REMOTE -> REMOTE.HTTP.eq(key);
            case SOURCE -> {
                var source = ObjectKeys.source(object);
                yield SOURCE.ORIGIN.eq(source.origin()).and(SOURCE.CODENAME.eq(source.codename()));
            }
            case REPOSITORY -> REPOSITORY.IDENTITY.eq(key);
            case CHROOT -> {
                var chroot = ObjectKeys.chroot(object);
                yield CHROOT.ARCHITECTURE.eq(chroot.architecture()).and(CHROOT.SOURCE_ID.in(
                        DSL.select(SOURCE.ID).from(SOURCE).where(SOURCE.CODENAME.eq(chroot.codename()))));
            }
        };
    }
}
