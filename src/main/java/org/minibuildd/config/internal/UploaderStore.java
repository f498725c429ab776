package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.UPLOADER;
import static org.minibuildd.db.Tables.UPLOADER_REPOSITORY;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Uploaders as rows: one per account that has given a key (keyed by user name, as mini-buildd's user profile), the
 * armored key as given, what preparing read from it, and the repositories it may upload to.
 */
@Repository
public class UploaderStore {

    private final DSLContext db;

    UploaderStore(DSLContext db) {
        this.db = db;
    }

    /** What the Uploader list and the user's profile show. */
    public record Row(String username, String keyLongId, String keyFingerprint, String keyName, List<String> mayUploadTo) { }

    /** An active Uploader's key that counts for a repository. */
    public record ActiveKey(String username, String armored) { }

    /** Sets the user's key, making the Uploader when the user has none yet. */
    public void setKey(String username, String armored) {
        db.insertInto(UPLOADER, UPLOADER.USERNAME, UPLOADER.KEY_ARMORED).values(username, armored)
                .onConflict(UPLOADER.USERNAME).doUpdate().set(UPLOADER.KEY_ARMORED, armored).execute();
    }

    public Optional<Row> find(String username) {
        return db.select(UPLOADER.USERNAME, UPLOADER.KEY_LONG_ID, UPLOADER.KEY_FINGERPRINT, UPLOADER.KEY_NAME)
                .from(UPLOADER).where(UPLOADER.USERNAME.eq(username))
                .fetchOptional(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), mayUploadTo(r.value1())));
    }

    public List<Row> all() {
        return db.select(UPLOADER.USERNAME, UPLOADER.KEY_LONG_ID, UPLOADER.KEY_FINGERPRINT, UPLOADER.KEY_NAME)
                .from(UPLOADER).orderBy(UPLOADER.USERNAME)
                .fetch(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), mayUploadTo(r.value1())));
    }

    public List<String> mayUploadTo(String username) {
        return db.select(UPLOADER_REPOSITORY.REPOSITORY).from(UPLOADER_REPOSITORY).join(UPLOADER)
                .on(UPLOADER.ID.eq(UPLOADER_REPOSITORY.UPLOADER_ID)).where(UPLOADER.USERNAME.eq(username))
                .orderBy(UPLOADER_REPOSITORY.REPOSITORY).fetch(UPLOADER_REPOSITORY.REPOSITORY);
    }

    /** Replaces the repositories the Uploader may upload to; false when there is no such Uploader. */
    public boolean mayUploadTo(String username, List<String> repositories) {
        var id = db.select(UPLOADER.ID).from(UPLOADER).where(UPLOADER.USERNAME.eq(username)).fetchOptional(UPLOADER.ID);
        if (id.isEmpty()) {
            return false;
        }
        db.deleteFrom(UPLOADER_REPOSITORY).where(UPLOADER_REPOSITORY.UPLOADER_ID.eq(id.get())).execute();
        for (var repository : repositories) {
            db.insertInto(UPLOADER_REPOSITORY, UPLOADER_REPOSITORY.UPLOADER_ID, UPLOADER_REPOSITORY.REPOSITORY)
                    .values(id.get(), repository).execute();
        }
        return true;
    }

    public List<String> repositories() {
        return db.select(REPOSITORY.IDENTITY).from(REPOSITORY).orderBy(REPOSITORY.IDENTITY).fetch(REPOSITORY.IDENTITY);
    }

    /** The keys of the active Uploaders that may upload to the repository, by user name. */
    public List<ActiveKey> activeKeys(String repository) {
        return db.select(UPLOADER.USERNAME, UPLOADER.KEY_ARMORED).from(UPLOADER).join(UPLOADER_REPOSITORY)
                .on(UPLOADER_REPOSITORY.UPLOADER_ID.eq(UPLOADER.ID))
                .where(UPLOADER_REPOSITORY.REPOSITORY.eq(repository))
                .and(UPLOADER.STATUS.eq((short) org.minibuildd.config.Status.ACTIVE.ordinal()))
                .and(UPLOADER.KEY_ARMORED.ne(""))
                .orderBy(UPLOADER.USERNAME)
                .fetch(r -> new ActiveKey(r.value1(), r.value2()));
    }
}
