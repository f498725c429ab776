package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;

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


}
