package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.REMOTE;
import static org.minibuildd.db.Tables.UPLOADER;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.PublicKeys;
import org.minibuildd.openpgp.PublicKeyInfo;
import org.springframework.stereotype.Repository;

/**
 * The key columns AptKey, Uploader and Remote share (the armored key as given, and what preparing read from it),
 * addressed by the object's natural key.
 */
@Repository
public class PublicKeyColumns implements PublicKeys {

    private static final Field<String> ARMORED = DSL.field(DSL.name("key_armored"), String.class);
    private static final Field<String> LONG_ID = DSL.field(DSL.name("key_long_id"), String.class);
    private static final Field<String> FINGERPRINT = DSL.field(DSL.name("key_fingerprint"), String.class);
    private static final Field<String> NAME = DSL.field(DSL.name("key_name"), String.class);
    private static final Field<OffsetDateTime> CREATED = DSL.field(DSL.name("key_created"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> EXPIRES = DSL.field(DSL.name("key_expires"), OffsetDateTime.class);

    private final DSLContext db;

    PublicKeyColumns(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<String> armored(ObjectRef object) {
        return db.select(ARMORED).from(table(object)).where(row(object)).fetchOptional(ARMORED);
    }

    @Override
    public void record(ObjectRef object, PublicKeyInfo info) {
        db.update(table(object))
                .set(LONG_ID, info.keyId())
                .set(FINGERPRINT, info.fingerprint())
                .set(NAME, info.primaryUserId())
                .set(CREATED, OffsetDateTime.ofInstant(info.created(), ZoneOffset.UTC))
                .set(EXPIRES, info.expiry().map(e -> OffsetDateTime.ofInstant(e, ZoneOffset.UTC)).orElse(null))
                .where(row(object)).execute();
    }

    @Override
    public void clear(ObjectRef object) {
        db.update(table(object)).set(LONG_ID, "").set(FINGERPRINT, "").setNull(CREATED).setNull(EXPIRES)
                .where(row(object)).execute();
    }

    private static Table<? extends Record> table(ObjectRef object) {
        return switch (object.type()) {
            case APT_KEY -> APT_KEY;
            case UPLOADER -> UPLOADER;
            case REMOTE -> REMOTE;
            default -> throw new IllegalArgumentException(object + " has no public key");
        };
    }

    private static Condition row(ObjectRef object) {
        return switch (object.type()) {
            case APT_KEY -> APT_KEY.KEY_ID.eq(object.key());
            case UPLOADER -> UPLOADER.USERNAME.eq(object.key());
            case REMOTE -> REMOTE.HTTP.eq(object.key());
            default -> throw new IllegalArgumentException(object + " has no public key");
        };
    }

}
