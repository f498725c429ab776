package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.DAEMON;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.internal.AptKeyStore;
import org.minibuildd.config.internal.DistributionStore;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
import org.minibuildd.support.TestHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Edits through {@link ConfigEditService} on the real database: an edit of an active object takes it out of use
 * until a PCA, a distribution edit does so for the repositories holding it, refused values change nothing. The
 * sources come from a local archive whose Release this test signs, so no network is needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigEditIT extends IsolatedDaemonIT {

    private static final java.nio.file.Path OWN_HOME = TestHome.create("config-edit");

    @DynamicPropertySource
    static void ownHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
    }

    @Autowired ConfigEditService edits;
    @Autowired ConfigObjectService objects;
    @Autowired ConfigActions actions;
    @Autowired SourceStore sources;
    @Autowired AptKeyStore aptKeys;
    @Autowired DistributionStore distributions;
    @Autowired DSLContext db;

    private LocalArchive archive;
    private String archiveUrl;
    private String keyId;

    private static final SourceRef LOCAL = new SourceRef("Local", "trixie");
    private static final ObjectRef REPOSITORY = new ObjectRef(ObjectType.REPOSITORY, "test");
    private static final ObjectRef OTHER_REPOSITORY = new ObjectRef(ObjectType.REPOSITORY, "other");

    @BeforeAll
    void localArchive() throws Exception {
        archive = LocalArchive.start();
        archiveUrl = archive.url("/local/");

        var signer = new InstanceKeyStore(TestHome.create("local-archive-signer"), "local-archive", "example.org").get();
        var release = """
                Origin: Local
                Label: Local
                Suite: testing
                Codename: trixie
                Version: 13
                Date: Sat, 01 Nov 2025 00:00:00 UTC
                Architectures: amd64 arm64
                Components: main contrib
                Description: a local test archive
                """;
        archive.put("/local/dists/trixie/InRelease", signer.clearsign(release).getBytes(StandardCharsets.UTF_8));
        keyId = aptKeys.add(signer.publicKeyring().singleKey(), signer.exportArmored());

        edits.addArchive(archiveUrl);
        sources.add(LOCAL, List.of(keyId));
        long distribution = distributions.addDistribution(sources.id(LOCAL).orElseThrow(), List.of("main"), List.of("amd64"), List.of());
        distributions.addRepository("test", "Default", List.of(distribution), true, "");
        distributions.addRepository("other", "Default", List.of(distribution), false, "");
    }

    @AfterAll
    void stopArchive() {
        archive.close();
    }

    /** Every test starts from everything in use. */
    @BeforeEach
    void allActive() {
        for (var object : List.of(LOCAL.object(), REPOSITORY, OTHER_REPOSITORY)) {
            actions.run(ConfigActions.Action.PCA, object);
            assertThat(actions.state(object).isActive()).as("%s", object).isTrue();
        }
    }

    private SourceSettings localSource() {
        return edits.sources().stream().filter(s -> s.source().equals(LOCAL)).findFirst().orElseThrow();
    }

    private RepositorySettings repository(String identity) {
        return edits.repositories().stream().filter(r -> r.identity().equals(identity)).findFirst().orElseThrow();
    }

    private DistributionSettings localDistribution() {
        return edits.distributions().stream().filter(d -> d.base().equals(LOCAL)).findFirst().orElseThrow();
    }

    private static final StatusState CHANGED = new StatusState(Status.PREPARED, CheckState.CHANGED);

    @Test
    void editingAnActiveSourceMarksItChangedAndPcaMakesItActiveAgain() {
        var before = localSource();
        assertThat(before.checkValidUntil()).isTrue();
        assertThat(before.aptKeyIds()).containsExactly(keyId);

        edits.editSource(new SourceSettings(LOCAL, "13", false, "", List.of(keyId)));

        assertThat(actions.state(LOCAL.object())).isEqualTo(CHANGED);
        assertThat(localSource().checkValidUntil()).isFalse();
        assertThat(localSource().codeversionOverride()).isEqualTo("13");
        // Only the edited object: the repositories keep their state.
        assertThat(actions.state(REPOSITORY).isActive()).isTrue();

        actions.run(ConfigActions.Action.PCA, LOCAL.object());
        assertThat(actions.state(LOCAL.object()).isActive()).isTrue();
        assertThat(actions.state(LOCAL.object()).check().isChecked()).isTrue();
        edits.editSource(new SourceSettings(LOCAL, "", true, "", List.of(keyId)));
    }

    @Test
    void savingUnchangedSettingsMarksNothing() {
        edits.editSource(localSource());
        edits.editRepository(repository("test"));
        edits.editDistribution(localDistribution());
        assertThat(actions.state(LOCAL.object()).isActive()).isTrue();
        assertThat(actions.state(REPOSITORY).isActive()).isTrue();
    }

    @Test
    void editingAnActiveRepositoryMarksItChangedAndPcaMakesItActiveAgain() {
        var before = repository("test");
        assertThat(before.allowUnauthenticatedUploads()).isTrue();
        assertThat(before.distributions()).containsExactly(LOCAL);

        edits.editRepository(new RepositorySettings("test", "Default (no rollbacks)", List.of(LOCAL), false,
                "/usr/share/keyrings/debian-keyring.gpg", "admin@example.org, ops@example.org", true, false, false,
                "https://example.org/test"));

        assertThat(actions.state(REPOSITORY)).isEqualTo(CHANGED);
        assertThat(actions.state(OTHER_REPOSITORY).isActive()).isTrue();
        var after = repository("test");
        assertThat(after.layout()).isEqualTo("Default (no rollbacks)");
        assertThat(after.allowUnauthenticatedUploads()).isFalse();
        assertThat(after.extraUploaderKeyrings()).isEqualTo("/usr/share/keyrings/debian-keyring.gpg");
        assertThat(after.notifyChangedBy()).isTrue();
        assertThat(objects.find(REPOSITORY).orElseThrow().state()).isEqualTo(CHANGED);

        actions.run(ConfigActions.Action.PCA, REPOSITORY);
        assertThat(actions.state(REPOSITORY).isActive()).isTrue();
        edits.editRepository(before);
    }

    @Test
    void editingADistributionMarksTheRepositoriesHoldingItChanged() {
        var before = localDistribution();
        assertThat(before.lintianMode()).isEqualTo("ERRFAIL");

        edits.editDistribution(new DistributionSettings(LOCAL, "aptitude", "", "", "WARNFAIL", "--info --pedantic",
                "DISABLED", "--info", "sudo", "IGNORE", 2, "nocheck", "nodoc", "debhelper"));

        var after = localDistribution();
        assertThat(after.lintianMode()).isEqualTo("WARNFAIL");
        assertThat(after.buildDepResolver()).isEqualTo("aptitude");
        assertThat(after.internalAptPriority()).isEqualTo(2);
        assertThat(after.debBuildOptions()).isEqualTo("nocheck");
        assertThat(actions.state(REPOSITORY)).isEqualTo(CHANGED);
        assertThat(actions.state(OTHER_REPOSITORY)).isEqualTo(CHANGED);
        // The distribution's base source is not changed by it.
        assertThat(actions.state(LOCAL.object()).isActive()).isTrue();

        actions.run(ConfigActions.Action.PCA, REPOSITORY);
        assertThat(actions.state(REPOSITORY).isActive()).isTrue();
        assertThat(actions.state(OTHER_REPOSITORY).isActive()).isFalse();
        edits.editDistribution(before);
    }

    @Test
    void anInvalidValueIsRefusedNamingTheFieldAndNothingChanges() {
        var distribution = localDistribution();
        assertThatThrownBy(() -> edits.editDistribution(new DistributionSettings(LOCAL, "apt", "", "", "SOMETIMES", "",
                "DISABLED", "", "sudo", "DISABLED", 1, "", "", "")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("lintian_mode"))
                .hasMessageContaining("lintian_mode").hasMessageContaining("SOMETIMES");
        assertThat(localDistribution()).isEqualTo(distribution);

        var source = localSource();
        assertThatThrownBy(() -> edits.editSource(new SourceSettings(LOCAL, "", false, "", List.of(keyId, "0123456789ABCDEF"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("apt_keys"))
                .hasMessageContaining("0123456789ABCDEF");
        assertThat(localSource()).isEqualTo(source);

        var repository = repository("test");
        assertThatThrownBy(() -> edits.editRepository(new RepositorySettings("test", "Default", List.of(LOCAL, new SourceRef("Local", "nowhere")),
                false, "", "", false, false, false, "")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("distributions"));
        assertThat(repository("test")).isEqualTo(repository);

        var daemon = edits.daemon();
        assertThatThrownBy(() -> edits.editDaemon(new DaemonSettings("", "not-an-address", "", "tcp:port=8067", 2, 1344, 5)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("email_address"));
        assertThatThrownBy(() -> edits.editDaemon(new DaemonSettings("", "", "", "tcp:port=8067", 257, 1344, 5)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("max_parallel_builds"));
        assertThatThrownBy(() -> edits.editDaemon(new DaemonSettings("", "", "", "ftp://8067", 2, 1344, 5)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("ftp_endpoint"));
        assertThat(edits.daemon()).isEqualTo(daemon);

        assertThatThrownBy(() -> edits.addArchive("ftp://example.org/debian"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThat(edits.archives()).containsExactly(archiveUrl);

        for (var object : List.of(LOCAL.object(), REPOSITORY, OTHER_REPOSITORY)) {
            assertThat(actions.state(object).isActive()).as("%s", object).isTrue();
        }
    }

    @Test
    void editingTheDaemonMarksItChanged() {
        var daemon = new ObjectRef(ObjectType.DAEMON, "daemon");
        actions.run(ConfigActions.Action.PCA, daemon);
        var before = edits.daemon();
        edits.editDaemon(new DaemonSettings("", "mini-buildd@example.org", ".*@example\\.org", "tcp6:port=8068", 4, 100, 7));
        assertThat(actions.state(daemon)).isEqualTo(CHANGED);
        assertThat(db.select(DAEMON.MAX_PARALLEL_BUILDS).from(DAEMON).fetchOne(DAEMON.MAX_PARALLEL_BUILDS)).isEqualTo(4);
        assertThat(edits.daemon().ftpEndpoint()).isEqualTo("tcp6:port=8068");
        actions.run(ConfigActions.Action.PCA, daemon);
        assertThat(actions.state(daemon).isActive()).isTrue();
        edits.editDaemon(before);
    }

    @Test
    void removingAnArchiveMarksTheSourcesReadFromItChanged() {
        var spare = archive.url("/spare/");
        assertThat(edits.addArchive(spare.substring(0, spare.length() - 1))).isEqualTo(spare);
        edits.removeArchive(spare);
        assertThat(actions.state(LOCAL.object()).isActive()).as("never read from the spare archive").isTrue();

        edits.removeArchive(archiveUrl);
        assertThat(actions.state(LOCAL.object())).isEqualTo(CHANGED);
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PCA, LOCAL.object())).hasMessageContaining("no archives");
        edits.addArchive(archiveUrl);
    }

    @Test
    void theListingShowsStatusCheckTimeMessageAndFields() {
        var listed = objects.list(ObjectType.SOURCE).stream().filter(o -> o.ref().equals(LOCAL.object())).findFirst().orElseThrow();
        assertThat(listed.name()).isEqualTo("Local trixie");
        assertThat(listed.state().isActive()).isTrue();
        assertThat(listed.lastChecked()).isNotNull();
        assertThat(listed.lastMessage()).isEqualTo("pca succeeded");
        assertThat(listed.fields()).containsEntry("codeversion", "13").containsEntry("apt_keys", keyId);
        var repositories = objects.list(ObjectType.REPOSITORY);
        assertThat(repositories).extracting(ConfigObject::name).containsExactly("other", "test");
        assertThat(repositories.getFirst().fields()).containsEntry("distributions", "trixie");
        assertThat(objects.list(ObjectType.DAEMON)).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo(IDENTITY));
        assertThat(objects.list(ObjectType.REMOTE)).isEmpty();
    }
}
