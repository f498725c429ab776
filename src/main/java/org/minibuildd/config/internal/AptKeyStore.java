package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.openpgp.PublicKeyInfo;
import org.springframework.stereotype.Repository;

@Repository
public class AptKeyStore {

    private final DSLContext db;

    AptKeyStore(DSLContext db) {
        this.db = db;
    }

    /** Adds the key under its long key id, or leaves an existing one alone; returns the key id. */
    public String add(PublicKeyInfo info, String armored) {
        db.insertInto(APT_KEY, APT_KEY.KEY_ID, APT_KEY.KEY_ARMORED, APT_KEY.KEY_NAME)
                .values(info.keyId(), armored, info.primaryUserId())
                .onConflict(APT_KEY.KEY_ID).doNothing().execute();
        return info.keyId();
    }

    public Optional<String> armored(String keyId) {
        return db.select(APT_KEY.KEY_ARMORED).from(APT_KEY).where(APT_KEY.KEY_ID.eq(keyId)).fetchOptional(APT_KEY.KEY_ARMORED);
    }

    public void recordDetails(String keyId, PublicKeyInfo info) {
        db.update(APT_KEY)
                .set(APT_KEY.KEY_LONG_ID, info.keyId())
                .set(APT_KEY.KEY_FINGERPRINT, info.fingerprint())
                .set(APT_KEY.KEY_NAME, info.primaryUserId())
                .set(APT_KEY.KEY_CREATED, OffsetDateTime.ofInstant(info.created(), ZoneOffset.UTC))
                .set(APT_KEY.KEY_EXPIRES, info.expiry().map(e -> OffsetDateTime.ofInstant(e, ZoneOffset.UTC)).orElse(null))
                .where(APT_KEY.KEY_ID.eq(keyId)).execute();
    }

    public void clearDetails(String keyId) {
        db.update(APT_KEY).set(APT_KEY.KEY_LONG_ID, "").set(APT_KEY.KEY_FINGERPRINT, "")
                .setNull(APT_KEY.KEY_CREATED).setNull(APT_KEY.KEY_EXPIRES)
                .where(APT_KEY.KEY_ID.eq(keyId)).execute();
    }

    public List<String> all() {
        return db.select(APT_KEY.KEY_ID).from(APT_KEY).orderBy(APT_KEY.KEY_ID).fetch(APT_KEY.KEY_ID);
    }
}
