package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.ARCHIVE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.config.internal.AptKeyStore;
import org.minibuildd.config.internal.SetupProbe;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
import org.minibuildd.support.TestHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sources read from a local archive that serves copies of the real bookworm InRelease: tampered, checked against
 * the wrong key, or lacking the suites a distribution would like. Its own daemon and database, so the archives it
 * plays with never meet those of other tests.
 */
class SourceArchiveIT extends IsolatedDaemonIT {

    private static final Path REAL_IN_RELEASE = Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease");
    private static final Path OWN_HOME = TestHome.create("archives");

    @DynamicPropertySource
    static void ownHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
    }

    @Autowired SetupService setup;
    @Autowired ConfigActions actions;
    @Autowired SourceStore sources;
    @Autowired AptKeyStore aptKeys;
    @Autowired DSLContext db;

    private LocalArchive archive;

    @BeforeEach
    void localArchive() {
        db.deleteFrom(ARCHIVE).execute();
        archive = LocalArchive.start();
    }

    @AfterEach
    void stopArchive() {
        archive.close();
    }

    private String localUrl(String path) {
        return archive.url(path);
    }

    private List<String> debianKeys() throws Exception {
        return Keyring.read(SetupProbe.DEBIAN_ARCHIVE_KEYRING).split().stream()
                .map(k -> aptKeys.add(k.singleKey(), k.exportArmored())).toList();
    }

    @Test
    void aTamperedReleaseFailsTheSourceWithTheReason() throws Exception {
        // Signed content changed: were the signature not checked, Origin and Codename would match and PCA succeed.
        var text = Files.readString(REAL_IN_RELEASE).replaceFirst("Origin: Debian", "Origin: Tampered");
        archive.put("/tampered/dists/bookworm/InRelease", text.getBytes(StandardCharsets.UTF_8));
        sources.addArchive(localUrl("/tampered/"));
        var tampered = new SourceRef("Tampered", "bookworm");
        sources.add(tampered, debianKeys());

        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PCA, tampered.object()))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("does not verify");
        assertThat(actions.state(tampered.object()).isActive()).isFalse();
        assertThat(actions.lastMessage(tampered.object())).contains("pca failed").contains("does not verify");
    }

    @Test
    void aReleaseNotSignedByTheSourcesKeysFails() throws Exception {
        archive.put("/real/dists/bookworm/InRelease", Files.readAllBytes(REAL_IN_RELEASE));
        sources.addArchive(localUrl("/real/"));
        var stranger = new InstanceKeyStore(TestHome.create("stranger"), "stranger", "example.org").get().publicKeyring();
        var strangerId = aptKeys.add(stranger.singleKey(), stranger.exportArmored());
        var source = new SourceRef("Stranger", "bookworm");
        sources.add(source, List.of(strangerId));

        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PCA, source.object()))
                .hasMessageContaining("does not verify against the source's AptKeys " + strangerId);
        // The prepare itself failed: nothing was recorded, and the reason is kept for the UI.
        assertThat(actions.state(source.object())).isEqualTo(StatusState.REMOVED);
        assertThat(actions.lastMessage(source.object())).contains("does not verify");
    }

    @Test
    void anExpiredReleaseFailsUnlessValidUntilIsSwitchedOff() {
        var signer = new InstanceKeyStore(TestHome.create("archive-signer"), "archive", "example.org").get();
        var release = """
                Origin: Frozen
                Label: Frozen
                Suite: frozen
                Codename: frozen
                Date: Sat, 01 Nov 2025 00:00:00 UTC
                Valid-Until: Sat, 08 Nov 2025 00:00:00 UTC
                Architectures: amd64 arm64
                Components: main
                Description: a snapshot that stopped moving
                """;
        archive.put("/frozen/dists/frozen/InRelease", signer.clearsign(release).getBytes(StandardCharsets.UTF_8));
        sources.addArchive(localUrl("/frozen/"));
        var keyId = aptKeys.add(signer.publicKeyring().singleKey(), signer.exportArmored());
        var frozen = new SourceRef("Frozen", "frozen");
        sources.add(frozen, List.of(keyId));

        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PCA, frozen.object()))
                .hasMessageContaining("expired (Valid-Until: Sat, 08 Nov 2025 00:00:00 UTC)")
                .hasMessageContaining("check_valid_until");
        db.update(org.minibuildd.db.Tables.SOURCE).set(org.minibuildd.db.Tables.SOURCE.CHECK_VALID_UNTIL, false)
                .where(org.minibuildd.db.Tables.SOURCE.ORIGIN.eq("Frozen")).execute();
        actions.run(ConfigActions.Action.PCA, frozen.object());
        assertThat(actions.state(frozen.object()).isActive()).isTrue();
        assertThat(sources.release(frozen).architectures()).containsExactly("amd64", "arm64");
        assertThat(sources.release(frozen).description()).isEqualTo("a snapshot that stopped moving");
    }

    @Test
    void suitesTheMirrorLacksAreReportedAndLeftOut() throws Exception {
        archive.put("/onlybase/dists/bookworm/InRelease", Files.readAllBytes(REAL_IN_RELEASE));
        // The same Release served under another name: its Codename gives it away.
        archive.put("/onlybase/dists/bullseye/InRelease", Files.readAllBytes(REAL_IN_RELEASE));
        var report = setup.setup(SetupRequest.all().archives(List.of(localUrl("/onlybase/"))).sources(List.of("bullseye"))
                .distributions(List.of("bookworm:amd64")).repositories(List.of("test:Default:bookworm")).build());

        assertThat(report.instances()).filteredOn(e -> e.name().equals("Debian bullseye")).singleElement()
                .satisfies(e -> assertThat(e.note()).contains("is for Codename \"bookworm\", not \"bullseye\""));
        assertThat(report.instances()).filteredOn(e -> e.type().equals("PrioritySource"))
                .extracting(SetupReport.Instance::name).containsExactly("Debian bookworm-security (priority 500)",
                        "Debian Backports bookworm-backports (priority 1)", "Debian Backports bookworm-backports-sloppy (priority 1)");
        assertThat(report.instances()).filteredOn(e -> e.type().equals("PrioritySource"))
                .allSatisfy(e -> {
                    assertThat(e.status()).isEqualTo(SetupReport.InstanceStatus.MISSING);
                    assertThat(e.note()).contains("set up without it");
                });
        // The distribution and its repository are in use all the same.
        assertThat(report.instances()).filteredOn(e -> e.type().equals("Distribution")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actions()).containsExactly("created");
                    assertThat(e.status()).isEqualTo(SetupReport.InstanceStatus.EXISTS);
                });
        assertThat(actions.state(new SourceRef("Debian", "bookworm").object()).isActive()).isTrue();
        assertThat(actions.state(new ObjectRef(ObjectType.REPOSITORY, "test")).isActive()).isTrue();
    }

    @Test
    void withoutUpdateSetupOnlyInspectsAndUpdateAndPcaTakeIdentityHashes() throws Exception {
        archive.put("/inspect/dists/bookworm/InRelease", Files.readAllBytes(REAL_IN_RELEASE));
        var url = localUrl("/inspect/");
        var wanted = SetupRequest.inspect().archives(List.of(url)).distributions(List.of("bookworm:amd64"))
                .repositoriesFromDistributions(List.of("inspect")).remotes(List.of("tcp:host=127.0.0.1:port=1"));

        var inspection = setup.setup(wanted.build());
        var archive = instance(inspection, "Archive", url);
        var repository = instance(inspection, "Repository", "inspect:Default:bookworm");
        assertThat(archive.status()).isEqualTo(SetupReport.InstanceStatus.MISSING);
        assertThat(archive.actions()).isEmpty();
        assertThat(instance(inspection, "Remote", "http://127.0.0.1:1/").status()).isEqualTo(SetupReport.InstanceStatus.MISSING);
        assertThat(repository.status()).isEqualTo(SetupReport.InstanceStatus.MISSING);
        assertThat(inspection.severity()).isEqualTo(2);
        assertThat(inspection.setup().get("repositories")).isEqualTo(List.of("inspect:Default:bookworm"));
        assertThat(db.fetchExists(ARCHIVE, ARCHIVE.URL.eq(url))).isFalse();

        // Only the archive, by its hash from the inspection.
        var archiveOnly = setup.setup(wanted.update(archive.hash()).build());
        assertThat(instance(archiveOnly, "Archive", url).actions()).containsExactly("created");
        assertThat(instance(archiveOnly, "Repository", "inspect:Default:bookworm").status()).isEqualTo(SetupReport.InstanceStatus.MISSING);
        assertThat(db.fetchExists(ARCHIVE, ARCHIVE.URL.eq(url))).isTrue();

        var all = setup.setup(wanted.update("all").pca("all").build());
        var created = instance(all, "Repository", "inspect:Default:bookworm");
        assertThat(created.hash()).isEqualTo(repository.hash());
        assertThat(created.status()).as(created.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE);
        assertThat(created.actions()).containsExactly("created", "pca");
        // A remote nobody answers for is created, and its failed PCA says where it tried.
        var remote = instance(all, "Remote", "http://127.0.0.1:1/");
        assertThat(remote.actions()).containsExactly("created", "pca(failed)");
        assertThat(remote.status()).isEqualTo(SetupReport.InstanceStatus.FAILED);
        assertThat(remote.note()).contains("127.0.0.1:1");

        var ref = new ObjectRef(ObjectType.REPOSITORY, "inspect");
        actions.run(ConfigActions.Action.DEACTIVATE, ref);
        var deactivated = setup.setup(wanted.update("").pca("").build());
        assertThat(instance(deactivated, "Repository", "inspect:Default:bookworm").status())
                .isEqualTo(SetupReport.InstanceStatus.DEACTIVATED);
        assertThat(deactivated.summary()).filteredOn(c -> c.label().equals("Deactivated instances")).singleElement()
                .satisfies(c -> assertThat(c.severity()).isEqualTo(1));

        var reactivated = setup.setup(wanted.pca(repository.hash()).build());
        var again = instance(reactivated, "Repository", "inspect:Default:bookworm");
        assertThat(again.actions()).containsExactly("pca");
        assertThat(again.status()).isEqualTo(SetupReport.InstanceStatus.ACTIVE);
    }

    private static SetupReport.Instance instance(SetupReport report, String type, String name) {
        return report.instances().stream().filter(i -> i.type().equals(type) && i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type + "(" + name + ") not in " + report));
    }
}
