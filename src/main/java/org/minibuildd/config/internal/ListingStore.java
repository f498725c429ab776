package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.DAEMON;
import static org.minibuildd.db.Tables.DISTRIBUTION;
import static org.minibuildd.db.Tables.REMOTE;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.REPOSITORY_DISTRIBUTION;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SOURCE_APT_KEY;
import static org.minibuildd.db.Tables.UPLOADER;
import static org.minibuildd.db.Tables.UPLOADER_REPOSITORY;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.minibuildd.config.CheckState;
import org.minibuildd.config.ConfigObject;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.Status;
import org.minibuildd.config.StatusState;
import org.springframework.stereotype.Repository;

/** Reads every object of one status type with its lifecycle columns and main fields, one query per type. */
@Repository
public class ListingStore {

    private final DSLContext db;

    ListingStore(DSLContext db) {
        this.db = db;
    }

    /** The lifecycle columns every status table carries. */
    private record Lifecycle(Field<Short> status, Field<String> check, Field<OffsetDateTime> lastChecked, Field<String> message) {

        static Lifecycle of(Table<?> table) {
            return new Lifecycle(table.field("status", Short.class), table.field("check_state", String.class),
                    table.field("last_checked", OffsetDateTime.class), table.field("status_message", String.class));
        }

        List<Field<?>> fields() {
            return List.of(status, check, lastChecked, message);
        }

        ConfigObject object(Record row, ObjectRef ref, String name, Map<String, String> fields) {
            var checkedAt = row.get(lastChecked) == null ? null : row.get(lastChecked).toInstant();
            var state = new StatusState(Status.values()[row.get(status)], CheckState.of(row.get(check), checkedAt));
            return new ConfigObject(ref, name, state, checkedAt, row.get(message), fields);
        }
    }

    public List<ConfigObject> list(ObjectType type) {
        return switch (type) {
            case DAEMON -> daemon();
            case APT_KEY -> aptKeys();
            case UPLOADER -> uploaders();
            case REMOTE -> remotes();
            case SOURCE -> sources();
            case REPOSITORY -> repositories();
            case CHROOT -> chroots();
        };
    }

    private List<ConfigObject> daemon() {
        var life = Lifecycle.of(DAEMON);
        return db.select(DAEMON.fields()).from(DAEMON).fetch(r -> life.object(r, new ObjectRef(ObjectType.DAEMON, "daemon"),
                r.get(DAEMON.IDENTITY), fields(
                        "identity", r.get(DAEMON.IDENTITY),
                        "email_address", r.get(DAEMON.EMAIL_ADDRESS),
                        "ftp_endpoint", r.get(DAEMON.FTP_ENDPOINT),
                        "max_parallel_builds", String.valueOf(r.get(DAEMON.MAX_PARALLEL_BUILDS)),
                        "expire_events_days", String.valueOf(r.get(DAEMON.EXPIRE_EVENTS_DAYS)),
                        "expire_builds_days", String.valueOf(r.get(DAEMON.EXPIRE_BUILDS_DAYS)))));
    }

    private List<ConfigObject> aptKeys() {
        var life = Lifecycle.of(APT_KEY);
        return db.select(APT_KEY.fields()).from(APT_KEY).orderBy(APT_KEY.KEY_ID).fetch(r -> life.object(r,
                new ObjectRef(ObjectType.APT_KEY, r.get(APT_KEY.KEY_ID)), r.get(APT_KEY.KEY_ID), fields(
                        "key_id", r.get(APT_KEY.KEY_ID),
                        "name", r.get(APT_KEY.KEY_NAME),
                        "fingerprint", r.get(APT_KEY.KEY_FINGERPRINT),
                        "expires", r.get(APT_KEY.KEY_EXPIRES) == null ? "" : r.get(APT_KEY.KEY_EXPIRES).toString())));
    }

    private List<ConfigObject> uploaders() {
        var life = Lifecycle.of(UPLOADER);
        var repositories = DSL.field(DSL.select(DSL.groupConcat(UPLOADER_REPOSITORY.REPOSITORY).orderBy(UPLOADER_REPOSITORY.REPOSITORY).separator(", "))
                .from(UPLOADER_REPOSITORY).where(UPLOADER_REPOSITORY.UPLOADER_ID.eq(UPLOADER.ID)));
        return db.select(UPLOADER.fields()).select(repositories).from(UPLOADER).orderBy(UPLOADER.USERNAME).fetch(r -> life.object(r,
                new ObjectRef(ObjectType.UPLOADER, r.get(UPLOADER.USERNAME)), r.get(UPLOADER.USERNAME), fields(
                        "user", r.get(UPLOADER.USERNAME),
                        "key", r.get(UPLOADER.KEY_NAME),
                        "fingerprint", r.get(UPLOADER.KEY_FINGERPRINT),
                        "may_upload_to", nonNull(r.get(repositories)))));
    }

    private List<ConfigObject> remotes() {
        var life = Lifecycle.of(REMOTE);
        return db.select(REMOTE.fields()).from(REMOTE).orderBy(REMOTE.HTTP).fetch(r -> life.object(r,
                new ObjectRef(ObjectType.REMOTE, r.get(REMOTE.HTTP)), r.get(REMOTE.HTTP), fields(
                        "http", r.get(REMOTE.HTTP),
                        "key", r.get(REMOTE.KEY_NAME),
                        "wake_command", r.get(REMOTE.WAKE_COMMAND))));
    }

    private List<ConfigObject> sources() {
        var life = Lifecycle.of(SOURCE);
        var keys = DSL.field(DSL.select(DSL.groupConcat(APT_KEY.KEY_ID).orderBy(APT_KEY.KEY_ID).separator(", "))
                .from(SOURCE_APT_KEY).join(APT_KEY).on(APT_KEY.ID.eq(SOURCE_APT_KEY.APT_KEY_ID))
                .where(SOURCE_APT_KEY.SOURCE_ID.eq(SOURCE.ID)));
        return db.select(SOURCE.fields()).select(keys).from(SOURCE).orderBy(SOURCE.ORIGIN, SOURCE.CODENAME).fetch(r -> {
            var key = r.get(SOURCE.ORIGIN) + ":" + r.get(SOURCE.CODENAME);
            return life.object(r, new ObjectRef(ObjectType.SOURCE, key), r.get(SOURCE.ORIGIN) + " " + r.get(SOURCE.CODENAME), fields(
                    "origin", r.get(SOURCE.ORIGIN),
                    "codename", r.get(SOURCE.CODENAME),
                    "codeversion", r.get(SOURCE.CODEVERSION),
                    "description", r.get(SOURCE.DESCRIPTION),
                    "check_valid_until", String.valueOf(r.get(SOURCE.CHECK_VALID_UNTIL)),
                    "apt_keys", nonNull(r.get(keys))));
        });
    }

    private List<ConfigObject> repositories() {
        var life = Lifecycle.of(REPOSITORY);
        var codenames = DSL.field(DSL.select(DSL.groupConcat(SOURCE.CODENAME).orderBy(SOURCE.CODENAME).separator(", "))
                .from(REPOSITORY_DISTRIBUTION).join(DISTRIBUTION).on(DISTRIBUTION.ID.eq(REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID))
                .join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID))
                .where(REPOSITORY_DISTRIBUTION.REPOSITORY.eq(REPOSITORY.IDENTITY)));
        return db.select(REPOSITORY.fields()).select(codenames).from(REPOSITORY).orderBy(REPOSITORY.IDENTITY).fetch(r -> life.object(r,
                new ObjectRef(ObjectType.REPOSITORY, r.get(REPOSITORY.IDENTITY)), r.get(REPOSITORY.IDENTITY), fields(
                        "identity", r.get(REPOSITORY.IDENTITY),
                        "layout", r.get(REPOSITORY.LAYOUT),
                        "distributions", nonNull(r.get(codenames)),
                        "allow_unauthenticated_uploads", String.valueOf(r.get(REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS)),
                        "extra_uploader_keyrings", r.get(REPOSITORY.EXTRA_UPLOADER_KEYRINGS))));
    }

    private List<ConfigObject> chroots() {
        var life = Lifecycle.of(CHROOT);
        return db.select(CHROOT.fields()).select(SOURCE.ORIGIN, SOURCE.CODENAME).from(CHROOT)
                .join(SOURCE).on(SOURCE.ID.eq(CHROOT.SOURCE_ID))
                .orderBy(SOURCE.CODENAME, CHROOT.ARCHITECTURE).fetch(r -> {
                    var key = r.get(SOURCE.CODENAME) + ":" + r.get(CHROOT.ARCHITECTURE);
                    return life.object(r, new ObjectRef(ObjectType.CHROOT, key), key, fields(
                            "source", r.get(SOURCE.ORIGIN) + " " + r.get(SOURCE.CODENAME),
                            "architecture", r.get(CHROOT.ARCHITECTURE),
                            "backend", r.get(CHROOT.BACKEND)));
                });
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, String> fields(String... namesAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], nonNull(namesAndValues[i + 1]));
        }
        return map;
    }
}
