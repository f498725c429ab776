package org.minibuildd.remote.internal;

import static org.minibuildd.db.Tables.REMOTE;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.config.CheckState;
import org.minibuildd.config.Status;
import org.springframework.stereotype.Repository;

/** Remote rows, addressed by their normalised URL ({@code http://host:port/}). */
@Repository
public class RemoteStore {

    /** A Remote whose key was fetched by a prepare. */
    public record PreparedKey(String url, String armored) { }

    private final DSLContext db;

    RemoteStore(DSLContext db) {
        this.db = db;
    }

    /** Adds the Remote unless it exists; true when it was added. */
    public boolean add(String url, String wakeCommand) {
        return db.insertInto(REMOTE, REMOTE.HTTP, REMOTE.WAKE_COMMAND).values(url, wakeCommand)
                .onConflict(REMOTE.HTTP).doNothing().execute() == 1;
    }

    public boolean exists(String url) {
        return db.fetchExists(REMOTE, REMOTE.HTTP.eq(url));
    }

    public Optional<String> wakeCommand(String url) {
        return db.select(REMOTE.WAKE_COMMAND).from(REMOTE).where(REMOTE.HTTP.eq(url)).fetchOptional(REMOTE.WAKE_COMMAND);
    }

    public void wakeCommand(String url, String command) {
        db.update(REMOTE).set(REMOTE.WAKE_COMMAND, command).where(REMOTE.HTTP.eq(url)).execute();
    }

    /** The key as downloaded from the remote by the last prepare. */
    public void armored(String url, String armored) {
        db.update(REMOTE).set(REMOTE.KEY_ARMORED, armored).where(REMOTE.HTTP.eq(url)).execute();
    }

    /** Forgets the downloaded key and what was read from it: the next prepare fetches it again. */
    public void clearKey(String url) {
        db.update(REMOTE).set(REMOTE.KEY_ARMORED, "").set(REMOTE.KEY_NAME, "").where(REMOTE.HTTP.eq(url)).execute();
    }

    /** Prepared Remotes with their keys, in the order they were added. */
    public List<PreparedKey> preparedKeys() {
        return db.select(REMOTE.HTTP, REMOTE.KEY_ARMORED).from(REMOTE)
                .where(REMOTE.STATUS.ge((short) Status.PREPARED.ordinal())).and(REMOTE.KEY_ARMORED.ne(""))
                .orderBy(REMOTE.ID).fetch(r -> new PreparedKey(r.value1(), r.value2()));
    }

    /** Keys of the ACTIVE Remotes: the instances whose build requests and build results we take. */
    public List<String> activeKeys() {
        return db.select(REMOTE.KEY_ARMORED).from(REMOTE)
                .where(REMOTE.STATUS.eq((short) Status.ACTIVE.ordinal())).and(REMOTE.KEY_ARMORED.ne(""))
                .orderBy(REMOTE.ID).fetch(REMOTE.KEY_ARMORED);
    }

    /** Every Remote's URL, in the order they were added, with whether it is ACTIVE (only those get builds). */
    public java.util.Map<String, Boolean> urlsWithActive() {
        var urls = new java.util.LinkedHashMap<String, Boolean>();
        db.select(REMOTE.HTTP, REMOTE.STATUS).from(REMOTE).orderBy(REMOTE.ID)
                .forEach(r -> urls.put(r.value1(), r.value2() == (short) Status.ACTIVE.ordinal()));
        return urls;
    }

    /** URLs of Remotes in use: active, or failed while active and due to come back (mini-buildd's list in status). */
    public List<String> activeOrReactivating() {
        return db.select(REMOTE.HTTP).from(REMOTE)
                .where(REMOTE.STATUS.eq((short) Status.ACTIVE.ordinal())
                        .or(REMOTE.CHECK_STATE.eq(CheckState.FAILED_WILL_REACTIVATE.code())))
                .orderBy(REMOTE.ID).fetch(REMOTE.HTTP);
    }
}
