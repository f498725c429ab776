package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.UPLOADER;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.support.DaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;

/** The lifecycle per object type on the real database: key objects, the Daemon, an edit that marks changed. */
class StatusObjectsIT extends DaemonIT {

    private static final String KEY = new InstanceKeyStore(TestHome.create("uploader-key"), "alice", "example.org")
            .get().exportArmored();

    @Autowired ConfigActions actions;
    @Autowired DSLContext db;
    @Autowired UserService users;
    @Autowired InstanceKeyStore instanceKey;

    @Test
    void uploaderKeyIsReadOnPrepareAndAnEditMarksItChanged() {
        users.create("alice", "alice-password", "alice@example.org", Role.USER);
        db.insertInto(UPLOADER, UPLOADER.USERNAME, UPLOADER.KEY_ARMORED).values("alice", KEY).execute();
        var uploader = new ObjectRef(ObjectType.UPLOADER, "alice");

        actions.run(ConfigActions.Action.PCA, uploader);
        assertThat(actions.state(uploader).isActive()).isTrue();
        var fingerprint = db.select(UPLOADER.KEY_FINGERPRINT).from(UPLOADER).where(UPLOADER.USERNAME.eq("alice")).fetchOne(UPLOADER.KEY_FINGERPRINT);
        assertThat(fingerprint).hasSize(40).isUpperCase();

        actions.markChanged(uploader);
        assertThat(actions.state(uploader)).isEqualTo(new StatusState(Status.PREPARED, CheckState.CHANGED));
    }

    @Test
    void aChangedObjectCannotBeCheckedBeforeItIsPreparedAgain() {
        users.create("bob", "bob-password", "bob@example.org", Role.USER);
        db.insertInto(UPLOADER, UPLOADER.USERNAME, UPLOADER.KEY_ARMORED).values("bob", KEY).execute();
        var uploader = new ObjectRef(ObjectType.UPLOADER, "bob");
        actions.run(ConfigActions.Action.PCA, uploader);
        actions.markChanged(uploader);
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.CHECK, uploader))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("prepare it first");
        actions.run(ConfigActions.Action.PCA, uploader);
        assertThat(actions.state(uploader).isActive()).isTrue();
    }

    @Test
    void aKeyThatIsNotOpenPgpIsRefusedAndNothingIsPrepared() {
        db.insertInto(APT_KEY, APT_KEY.KEY_ID, APT_KEY.KEY_ARMORED).values("NOTAKEY", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").execute();
        var aptKey = new ObjectRef(ObjectType.APT_KEY, "NOTAKEY");
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PCA, aptKey))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("Not an OpenPGP public key");
        assertThat(actions.state(aptKey)).isEqualTo(StatusState.REMOVED);
        assertThat(actions.lastMessage(aptKey)).contains("pca failed");
    }

    @Test
    void removeClearsWhatPrepareRead() {
        db.insertInto(APT_KEY, APT_KEY.KEY_ID, APT_KEY.KEY_ARMORED).values("ALICE", KEY).execute();
        var aptKey = new ObjectRef(ObjectType.APT_KEY, "ALICE");
        actions.run(ConfigActions.Action.PCA, aptKey);
        actions.run(ConfigActions.Action.DEACTIVATE, aptKey);
        assertThat(actions.state(aptKey).status()).isEqualTo(Status.PREPARED);
        actions.run(ConfigActions.Action.REMOVE, aptKey);
        assertThat(actions.state(aptKey)).isEqualTo(StatusState.REMOVED);
        assertThat(db.select(APT_KEY.KEY_FINGERPRINT).from(APT_KEY).where(APT_KEY.KEY_ID.eq("ALICE"))
                .fetchOne(APT_KEY.KEY_FINGERPRINT)).isEmpty();
    }

    @Test
    void theDaemonIsPreparedWithTheInstanceKeyAndChecksItSigns() {
        var daemon = new ObjectRef(ObjectType.DAEMON, "daemon");
        actions.run(ConfigActions.Action.PCA, daemon);
        assertThat(actions.state(daemon).isActive()).isTrue();
        assertThat(instanceKey.exists()).isTrue();
        assertThat(instanceKey.get().userId()).isEqualTo("mini-buildd archive itest <mini-buildd@build.example.org>");
    }
}
