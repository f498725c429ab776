package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.DISTRIBUTION_EXTRA_SOURCE;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.SOURCE;

import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.minibuildd.config.internal.DistroInfo;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.support.DaemonIT;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code setup} against the real Debian mirror this machine reaches, and its refusals of bad arguments.
 */
class SetupIT extends DaemonIT {

    private static final List<String> ARCHIVES = List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security");

    @Autowired org.minibuildd.builder.ChrootService chroots;
    @Autowired SetupService setup;
    @Autowired DistroInfo distroInfo;
    @Autowired ConfigActions actions;
    @Autowired SourceStore sources;
    @Autowired DSLContext db;

    private static SetupRequest request(List<String> archives, List<String> sourcesWanted, List<String> distributions,
                                        List<String> repositories, List<String> chroots) {
        return SetupRequest.all().archives(archives).sources(sourcesWanted).distributions(distributions)
                .repositories(repositories).chroots(chroots).build();
    }

    @Test
    void setsUpBookwormFromTheRealDebianMirrorAndIsIdempotent() throws Exception {
        org.minibuildd.support.ChrootSeed.ensure();
        var wanted = request(ARCHIVES,
                List.of("bookworm"), List.of("bookworm:amd64"), List.of("test:Default:bookworm"), List.of("bookworm:amd64"));
        var report = setup.setup(wanted);

        var bookworm = new SourceRef("Debian", "bookworm");
        assertThat(actions.state(bookworm.object()).isActive()).as(report.toString()).isTrue();
        var release = sources.release(bookworm);
        assertThat(release.codeversion()).isEqualTo("12");
        assertThat(release.architectures()).contains("amd64", "arm64", "i386");
        assertThat(release.components()).contains("main", "contrib");
        assertThat(release.archives()).containsExactly("http://deb.debian.org/debian/");
        // Security updates come from the security archive, backports from the main one.
        assertThat(actions.state(new SourceRef("Debian", "bookworm-security").object()).isActive()).isTrue();
        assertThat(sources.release(new SourceRef("Debian", "bookworm-security")).archives())
                .containsExactly("http://deb.debian.org/debian-security/");
        assertThat(actions.state(new SourceRef("Debian Backports", "bookworm-backports").object()).isActive()).isTrue();
        // Each extra source is either in the distribution or reported as left out (e.g. an absent -sloppy).
        int extras = db.fetchCount(DISTRIBUTION_EXTRA_SOURCE);
        assertThat(extras + report.instances().stream()
                .filter(e -> e.type().equals("PrioritySource") && e.status() == SetupReport.InstanceStatus.MISSING).count()).isEqualTo(3);
        assertThat(extras).isGreaterThanOrEqualTo(2);

        assertThat(actions.state(new ObjectRef(ObjectType.DAEMON, "daemon")).isActive()).isTrue();
        assertThat(actions.state(new ObjectRef(ObjectType.REPOSITORY, "test")).isActive()).isTrue();
        assertThat(db.select(REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS).from(REPOSITORY).where(REPOSITORY.IDENTITY.eq("test"))
                .fetchOne(REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS)).isTrue();
        // The chroot is real now: prepared from the machine's seed tree, registered with schroot, active.
        assertThat(report.instances()).filteredOn(e -> e.type().equals("Chroot")).singleElement()
                .satisfies(e -> assertThat(e.status()).as(e.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        assertThat(java.nio.file.Path.of("/etc/schroot/chroot.d/" + chroots.schrootName("bookworm", "amd64") + ".conf")).content()
                .contains("directory=" + HOME.resolve("chroots/bookworm/amd64/source"));
        // The base upgrades from bookworm and its security updates; it keeps backports' lists for builds, fresh,
        // but outside what its apt upgrades from.
        var base = HOME.resolve("chroots/bookworm/amd64/source");
        assertThat(base.resolve("etc/apt/sources.list")).content()
                .contains(" bookworm contrib main", " bookworm-security contrib main").doesNotContain("bookworm-backports");
        assertThat(base.resolve("etc/apt/mini-buildd-lists-only.list")).content().contains(" bookworm-backports contrib main");
        try (var lists = java.nio.file.Files.list(base.resolve("var/lib/apt/lists"))) {
            assertThat(lists.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains("bookworm-backports_main_binary-amd64_Packages"));
        }
        assertThat(base.resolve("var/lib/mini-buildd/apt-lists-updated")).exists();
        assertThat(report.instances()).filteredOn(e -> e.type().equals("AptKey")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));

        // status shows the repository as the reference does (shared/reference/api-samples/status-with-repositories.json).
        var status = tools.jackson.databind.json.JsonMapper.builder().build().readTree(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/mini_buildd/api/status/?with_repositories=true&output=json"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        var test = status.get("repositories").get("test");
        assertThat(test.get("codenames").toString()).isEqualTo("[\"bookworm\"]");
        assertThat(test.get("layout").propertyNames()).containsExactly("stable", "hotfix", "testing", "unstable", "snapshot", "experimental");
        assertThat(test.get("layout").get("unstable").toString())
                .isEqualTo("{\"uploadable\":true,\"experimental\":false,\"migrates_to\":\"testing\"}");
        assertThat(test.get("layout").get("stable").toString())
                .isEqualTo("{\"uploadable\":false,\"experimental\":false,\"migrates_to\":null}");

        // Again: nothing new; what was in use still is, what was left out says why.
        var again = setup.setup(wanted);
        assertThat(again.instances()).filteredOn(e -> List.of("Source", "Repository", "Chroot").contains(e.type()))
                .allSatisfy(e -> {
                    assertThat(e.actions()).first().isEqualTo("updated");
                    assertThat(e.status() == SetupReport.InstanceStatus.ACTIVE || e.note().contains("pca failed")).as(e.toString()).isTrue();
                });
        assertThat(again.instances()).filteredOn(e -> e.name().equals("Debian bookworm") || e.type().equals("Repository"))
                .hasSize(2).allSatisfy(e -> assertThat(e.status()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        assertThat(db.fetchCount(SOURCE, SOURCE.CODENAME.eq("bookworm"))).isEqualTo(1);
        assertThat(db.fetchCount(DISTRIBUTION_EXTRA_SOURCE)).isEqualTo(extras);
    }

    @Test
    void badArgumentsAreRefusedNamingTheFieldAndCreateNothing() {
        int before = db.fetchCount(SOURCE);
        assertThatThrownBy(() -> setup.setup(request(ARCHIVES, List.of("Book Worm"), List.of(), List.of(), List.of())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("sources"));
        assertThatThrownBy(() -> setup.setup(request(ARCHIVES, List.of(), List.of("bookworm"), List.of(), List.of())))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("distributions");
                    assertThat(e).hasMessageContaining("<codename>:<arch>");
                });
        assertThatThrownBy(() -> setup.setup(request(ARCHIVES, List.of(), List.of(), List.of("test:Nonexistent:bookworm"), List.of())))
                .hasMessageContaining("no layout \"Nonexistent\"");
        assertThatThrownBy(() -> setup.setup(request(List.of("ftp:/nowhere"), List.of(), List.of(), List.of(), List.of())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("archives"));
        assertThatThrownBy(() -> setup.setup(SetupRequest.all().archives(ARCHIVES).chroots(List.of("bookworm:amd64"))
                .chrootsBackend("LVM").build())).hasMessageContaining("chroots_backend");
        assertThatThrownBy(() -> setup.setup(SetupRequest.all().fromOrigins(List.of("Ubuntu")).archivesFromOrigins(true)
                .sourcesFromOrigins(true).build())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.field()).isEqualTo("from_origins"));
        assertThatThrownBy(() -> setup.setup(SetupRequest.all().identity("another").build()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("identity"));
        assertThatThrownBy(() -> setup.setup(SetupRequest.all().ftpEndpoint("tcp:host=0.0.0.0:port=2121").build()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e).hasMessageContaining("minibuildd.ftp-port"));
        assertThatThrownBy(() -> setup.setup(SetupRequest.inspect().update("0123").build()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("update"));
        assertThat(db.fetchCount(SOURCE)).isEqualTo(before);
    }

    @Test
    void theDebianPresetSetsUpTheSupportedCodenamesFromDebiansOwnArchives() {
        var report = setup.setup(SetupRequest.all().archivesFromOrigins(true).sourcesFromOrigins(true).build());
        var supported = distroInfo.codenames(DistroInfo.Scope.SUPPORTED, java.time.LocalDate.now());
        assertThat(supported).contains("sid");
        assertThat(report.instances()).filteredOn(e -> e.type().equals("Archive")).extracting(SetupReport.Instance::name)
                .containsExactly("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security/");
        // A stable release carries no Valid-Until; testing and sid do, and on a frozen mirror it may have passed:
        // then the source is left out with that reason, never silently.
        assertThat(actions.state(new SourceRef("Debian", supported.getFirst()).object()).isActive()).as(report.toString()).isTrue();
        for (var codename : supported) {
            assertThat(report.instances()).filteredOn(e -> e.name().equals("Debian " + codename)).singleElement()
                    .satisfies(e -> assertThat(e.status() == SetupReport.InstanceStatus.ACTIVE || e.note().contains("pca failed: "))
                            .as(e.toString()).isTrue());
        }
    }
}
