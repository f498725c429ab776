package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.REMOTE;
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
        db.insertInto(REMOTE, REMOTE.HTTP, REMOTE.KEY_ARMORED).values("http://other.example.org:8066", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").execute();
        var remote = new ObjectRef(ObjectType.REMOTE, "http://other.example.org:8066");
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PCA, remote))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("Not an OpenPGP public key");
        assertThat(actions.state(remote)).isEqualTo(StatusState.REMOVED);
        assertThat(actions.lastMessage(remote)).contains("pca failed");
    }

    @Test
    void removeClearsWhatPrepareRead() {
        db.insertInto(REMOTE, REMOTE.HTTP, REMOTE.KEY_ARMORED).values("http://peer.example.org:8066", KEY).execute();
        var remote = new ObjectRef(ObjectType.REMOTE, "http://peer.example.org:8066");
        actions.run(ConfigActions.Action.PCA, remote);
        actions.run(ConfigActions.Action.DEACTIVATE, remote);
        assertThat(actions.state(remote).status()).isEqualTo(Status.PREPARED);
        actions.run(ConfigActions.Action.REMOVE, remote);
        assertThat(actions.state(remote)).isEqualTo(StatusState.REMOVED);
        assertThat(db.select(REMOTE.KEY_FINGERPRINT).from(REMOTE).where(REMOTE.HTTP.eq("http://peer.example.org:8066"))
                .fetchOne(REMOTE.KEY_FINGERPRINT)).isEmpty();
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
