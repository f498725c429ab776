package org.minibuildd.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.Layout;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.daemon.Home;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.internal.RepositoryDisk;
import org.minibuildd.support.AptRoot;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code snapshot_*}, {@code sources_list snapshot=}, {@code debmirror} and {@code debdiff} over HTTP on a real
 * reprepro repository, checked the way users check them: apt in a throwaway root, gpgv, Debian's own tools. Every
 * refusal answers problem JSON, changes nothing and leaves {@code reprepro check} clean. A daemon of its own: the
 * repository is set up from a local archive, which would change the configuration other shared-daemon tests assert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotsMirrorDebdiffIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("snapshots");
    private static final String UNSTABLE = "bookworm-test-unstable";

    @DynamicPropertySource
    static void ownHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
    }

    @Autowired SetupService setup;
    @Autowired ConfigActions actions;
    @Autowired RepositoryPackages packages;
    @Autowired InstanceKeyStore keys;
    @Autowired AdminPassword admin;
    @Autowired Home home;
    @Autowired RepositoryService repositories;
    @Autowired RepositoryDisk disk;

    private LocalArchive archive;
    private Path work;
    private Path keyring;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void setUpTheTestRepository() throws Exception {
        archive = LocalArchive.bookworm();
        var report = setup.setup(SetupRequest.all().archives(List.of(archive.url("/debian/")))
                .distributions(List.of("bookworm:amd64")).repositories(List.of("test:Default:bookworm")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Repository")).singleElement()
                .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        work = Files.createTempDirectory(TestHome.create("snapshot-packages"), "work");
        keyring = work.resolve("archive-key.gpg").toAbsolutePath();
        Files.write(keyring, keys.get().exportBinary());
    }

    @AfterAll
    void stopArchive() {
        archive.close();
    }

    @Test
    void aSnapshotKeepsTheOldVersionForAptAfterANewerOneIsInstalled() throws Exception {
        install("frozen", "1.0", "unstable");
        var create = "/mini_buildd/api/snapshot_create/?distribution=" + UNSTABLE + "&name=week-1";
        assertThat(get(create, false).statusCode()).isEqualTo(401);
        assertRefused(get(create, true), 400, "needs to be confirmed");
        var created = get(create + "&confirm=snapshot_create", true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("{}");
        assertThat(snapshots(UNSTABLE)).containsExactly("week-1");

        // Signed as every Release, and the repository check (which verifies all Releases) accepts it.
        var snapshot = repository().resolve("dists/" + UNSTABLE + "/snapshots/week-1");
        assertThat(Files.readString(snapshot.resolve("Release"))).contains("Suite: " + UNSTABLE + "/snapshots/week-1");
        TinyPackages.run(snapshot, List.of("gpgv", "--keyring", keyring.toString(), "InRelease"));
        TinyPackages.run(snapshot, List.of("gpgv", "--keyring", keyring.toString(), "Release.gpg", "Release"));
        actions.run(ConfigActions.Action.CHECK, new ObjectRef(ObjectType.REPOSITORY, "test"));
        assertThat(actions.state(new ObjectRef(ObjectType.REPOSITORY, "test")).isActive()).isTrue();

        install("frozen", "1.1", "unstable");

        var line = plain("/mini_buildd/api/sources_list/?repositories=test&suites=unstable&snapshot=week-1&options=signed-by="
                + keyring + "&mirror=" + URLEncoder.encode(url("/repositories"), StandardCharsets.UTF_8));
        assertThat(line).isEqualTo("deb [signed-by=" + keyring + "] " + url("/repositories") + "/test " + UNSTABLE
                + "/snapshots/week-1 main contrib non-free non-free-firmware\n");
        var apt = AptRoot.create(Files.createDirectories(work.resolve("apt-snapshot")), "");
        Files.writeString(apt.root().resolve("etc/apt/sources.list"), line);
        assertThat(apt.run("apt-get", "update")).contains(UNSTABLE + "/snapshots/week-1 InRelease").doesNotContain("NO_PUBKEY");
        apt.run("apt-get", "install", "-y", "frozen");
        assertThat(TinyPackages.run(apt.root(), List.of("sh", apt.root().resolve("usr/bin/frozen").toString())).strip())
                .isEqualTo("frozen 1.0");
        // The distribution itself has moved on.
        Files.writeString(apt.root().resolve("etc/apt/sources.list"), line.replace("/snapshots/week-1", ""));
        apt.run("apt-get", "update");
        apt.run("apt-get", "install", "-y", "frozen");
        assertThat(TinyPackages.run(apt.root(), List.of("sh", apt.root().resolve("usr/bin/frozen").toString())).strip())
                .isEqualTo("frozen 1.1");

        // Refusals, each changing nothing.
        assertRefused(get(create + "&confirm=snapshot_create", true), 400, "already exists");
        assertRefused(get("/mini_buildd/api/snapshot_create/?distribution=" + UNSTABLE + "&name=..%2Fescape&confirm=snapshot_create", true),
                400, "invalid snapshot name");
        assertRefused(get("/mini_buildd/api/snapshot_create/?distribution=sid-test-unstable&name=x&confirm=snapshot_create", true),
                400, "no distribution 'sid-test-unstable'");
        assertRefused(get("/mini_buildd/api/snapshot_delete/?distribution=" + UNSTABLE + "&name=week-2&confirm=snapshot_delete", true),
                400, "does not exist");
        assertRefused(get("/mini_buildd/api/snapshot_ls/?distribution=nowhere", false), 400, "no distribution 'nowhere'");
        assertRefused(get("/mini_buildd/api/sources_list/?repositories=test&suites=unstable,testing&snapshot=week-1", false),
                400, "No such snapshot for bookworm-test-testing: 'week-1' (available: )");
        assertThat(snapshots(UNSTABLE)).containsExactly("week-1");
        assertThat(repository().resolve("dists/" + UNSTABLE + "/snapshots")).isDirectoryContaining(p -> true)
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals("week-1"));
        repreproCheck();
    }

    @Test
    void deletingASnapshotLetsThePoolForgetWhatOnlyItHeld() throws Exception {
        var experimental = "bookworm-test-experimental";
        install("gone", "1.0", "experimental");
        assertThat(get("/mini_buildd/api/snapshot_create/?distribution=" + experimental + "&name=before-removal&confirm=snapshot_create",
                true).statusCode()).isEqualTo(200);
        packages.remove("test", experimental, "gone", null);
        var pool = repository().resolve("pool/main/g/gone");
        // Only the snapshot still refers to it.
        assertThat(pool.resolve("gone_1.0_all.deb")).exists();
        repreproCheck();

        var deleted = get("/mini_buildd/api/snapshot_delete/?distribution=" + experimental + "&name=before-removal&confirm=snapshot_delete", true);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(snapshots(experimental)).isEmpty();
        assertThat(repository().resolve("dists/" + experimental + "/snapshots/before-removal")).doesNotExist();
        assertThat(pool.resolve("gone_1.0_all.deb")).doesNotExist();
        repreproCheck();
    }

    @Test
    void debdiffComparesTheTwoNewestVersionsOrTheOnesAsked() throws Exception {
        install("differ", "1.0", "unstable");
        install("differ", "1.1", "unstable", "a line only 1.1 has");
        install("differ", "1.2", "experimental", "a line only 1.2 has");

        var newest = plain("/mini_buildd/api/debdiff/?source=differ&repository=test");
        assertThat(newest).contains("--- differ-1.1/README", "+++ differ-1.2/README", "-a line only 1.1 has", "+a line only 1.2 has");
        var asked = plain("/mini_buildd/api/debdiff/?source=differ&repository=test&versiona=1.0&versionb=1.1");
        assertThat(asked).contains("--- differ-1.0/README", "+++ differ-1.1/README", "+a line only 1.1 has").doesNotContain("differ-1.2");
        // Only b given: a is the newest other one.
        assertThat(plain("/mini_buildd/api/debdiff/?source=differ&repository=test&versionb=1.0")).contains("--- differ-1.2/README", "+++ differ-1.0/README");
        // The same version twice: no differences, debdiff exits 0 and prints nothing of the README.
        assertThat(plain("/mini_buildd/api/debdiff/?source=differ&repository=test&versiona=1.1&versionb=1.1")).doesNotContain("a line only");

        install("single", "1.0", "unstable");
        assertRefused(get("/mini_buildd/api/debdiff/?source=single&repository=test", false), 400, "fewer than two versions");
        assertRefused(get("/mini_buildd/api/debdiff/?source=nothing-like-it&repository=test", false), 400, "no source package 'nothing-like-it'");
        assertRefused(get("/mini_buildd/api/debdiff/?source=differ&repository=test&versiona=9.9", false), 400,
                "no version 9.9 of differ", "there are: 1.2, 1.1, 1.0");
        assertRefused(get("/mini_buildd/api/debdiff/?source=differ&repository=nope", false), 400, "no repository 'nope'");
        assertRefused(get("/mini_buildd/api/debdiff/?repository=test", false), 400, "needs argument 'source'");
        repreproCheck();
    }

    @Test
    void debmirrorMakesAMirrorAptVerifiesWithOurKey() throws Exception {
        install("mirrored", "1.0", "unstable");
        var destination = work.resolve("mirrors").toAbsolutePath() + "/{}";
        var call = "/mini_buildd/api/debmirror/?repositories=test&suites=unstable&destination="
                + URLEncoder.encode(destination, StandardCharsets.UTF_8);
        assertThat(get(call, false).statusCode()).isEqualTo(401);
        assertRefused(get(call, true), 400, "needs to be confirmed");
        var mirrored = get(call + "&confirm=debmirror", true);
        assertThat(mirrored.statusCode()).as(mirrored.body()).isEqualTo(200);
        var mirror = work.resolve("mirrors/test").toAbsolutePath();
        assertThat(json.readTree(mirrored.body()).get("test").asString()).isEqualTo(mirror.toString());
        assertThat(mirror.resolve("dists/" + UNSTABLE + "/Release")).exists();
        assertThat(mirror.resolve("dists/" + UNSTABLE + "-rollback0")).doesNotExist();
        assertThat(mirror.resolve("dists/bookworm-test-stable")).doesNotExist();
        assertThat(mirror.resolve("pool/main/m/mirrored/mirrored_1.0_all.deb")).exists();

        var apt = AptRoot.create(Files.createDirectories(work.resolve("apt-mirror")), "");
        Files.writeString(apt.root().resolve("etc/apt/sources.list"),
                "deb [signed-by=" + keyring + "] file:" + mirror + " " + UNSTABLE + " main\n");
        assertThat(apt.run("apt-get", "update")).doesNotContain("NO_PUBKEY", "not signed");
        apt.run("apt-get", "install", "-y", "mirrored");
        assertThat(TinyPackages.run(apt.root(), List.of("sh", apt.root().resolve("usr/bin/mirrored").toString())).strip())
                .isEqualTo("mirrored 1.0");

        // An earlier mirror is brought up to date.
        install("mirrored", "1.1", "unstable");
        assertThat(get(call + "&confirm=debmirror", true).statusCode()).isEqualTo(200);
        assertThat(mirror.resolve("pool/main/m/mirrored/mirrored_1.1_all.deb")).exists();

        // Refusals: debmirror would delete what a directory holds, so it must be empty or an earlier mirror.
        var occupied = Files.createDirectories(work.resolve("occupied"));
        Files.writeString(occupied.resolve("precious"), "keep me\n");
        assertRefused(get("/mini_buildd/api/debmirror/?repositories=test&confirm=debmirror&destination="
                + URLEncoder.encode(occupied.toAbsolutePath().toString(), StandardCharsets.UTF_8), true), 400, "is not empty");
        assertThat(occupied).isDirectoryContaining(p -> p.getFileName().toString().equals("precious"));
        assertThat(occupied.resolve("precious")).hasContent("keep me");
        assertRefused(get("/mini_buildd/api/debmirror/?repositories=test&confirm=debmirror&destination=relative%2F%7B%7D", true),
                400, "must be an absolute path");
        assertRefused(get("/mini_buildd/api/debmirror/?repositories=test&confirm=debmirror&destination="
                + URLEncoder.encode(occupied.resolve("precious").toAbsolutePath().toString(), StandardCharsets.UTF_8), true),
                400, "is not a directory");
        assertRefused(get("/mini_buildd/api/debmirror/?repositories=nope&confirm=debmirror", true), 400, "no repository 'nope'");
        assertThat(home.root().resolve("debmirror")).doesNotExist();
        repreproCheck();
    }

    /**
     * reprepro cannot export a snapshot again, and a snapshot of a distribution that leaves the configuration still
     * holds its packages: preparing the repository again lets reprepro forget them, and the pool lets them go.
     */
    @Test
    void aVanishedDistributionTakesItsSnapshotsAndWhatOnlyTheyHeldWithIt() throws Exception {
        var test = repositories.config("test").orElseThrow();
        var full = new RepositoryConfig("vanishing", test.layout(), test.distributions(), test.origin(),
                test.allowUnauthenticatedUploads(), test.sources());
        disk.update(full);
        var basedir = home.repositories().resolve("vanishing");
        var experimental = full.diststr("bookworm", "experimental");
        var dir = Files.createDirectories(work.resolve("vanishing"));
        var dsc = TinyPackages.source(dir, "vanishing", "1.0");
        TinyPackages.run(basedir, List.of("reprepro", "-b", basedir.toString(), "includedsc", experimental, dsc.toString()));
        TinyPackages.run(basedir, List.of("reprepro", "-b", basedir.toString(), "gensnapshot", experimental, "kept"));
        TinyPackages.run(basedir, List.of("reprepro", "-b", basedir.toString(), "removesrc", experimental, "vanishing"));
        disk.update(full);
        // Still held by the snapshot, and the snapshot is signed and checked like the distributions.
        assertThat(basedir.resolve("pool/main/v/vanishing/vanishing_1.0.dsc")).exists();
        TinyPackages.run(basedir.resolve("dists/" + experimental + "/snapshots/kept"),
                List.of("gpgv", "--keyring", keyring.toString(), "InRelease"));
        disk.check(full);

        var layout = test.layout();
        var withoutExperimental = new Layout(layout.name(), layout.suites().stream().filter(s -> !s.experimental()).toList(),
                layout.defaultVersion(), layout.mandatoryVersionRegex(), layout.experimentalDefaultVersion(),
                layout.experimentalMandatoryVersionRegex(), layout.metaDistributions());
        var reduced = new RepositoryConfig("vanishing", withoutExperimental, test.distributions(), test.origin(),
                test.allowUnauthenticatedUploads(), test.sources());
        disk.update(reduced);
        assertThat(basedir.resolve("dists/" + experimental)).doesNotExist();
        assertThat(basedir.resolve("pool/main/v/vanishing")).doesNotExist();
        assertThat(TinyPackages.run(basedir, List.of("reprepro", "-b", basedir.toString(), "dumpreferences"))).doesNotContain("kept");
        TinyPackages.run(basedir, List.of("reprepro", "-b", basedir.toString(), "check"));
    }

    private void install(String name, String version, String suite) throws Exception {
        install(name, version, suite, "");
    }

    private void install(String name, String version, String suite, String extra) throws Exception {
        var dir = Files.createDirectories(work.resolve(name + "-" + version + "-" + suite));
        var dsc = TinyPackages.source(dir, name, version, extra);
        var deb = TinyPackages.binary(dir, name, version);
        packages.install("test", "bookworm", suite, dsc,
                List.of(TinyPackages.binaryChanges(dir, name, version, deb, "bookworm-test-" + suite)));
    }

    private Path repository() {
        return home.repositories().resolve("test");
    }

    private void repreproCheck() throws Exception {
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
    }

    private List<String> snapshots(String diststr) throws Exception {
        var response = get("/mini_buildd/api/snapshot_ls/?distribution=" + diststr, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).valueStream().map(JsonNode::asString).toList();
    }

    private String plain(String path) throws Exception {
        var response = get(path + (path.contains("?") ? "&" : "?") + "output=plain", false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("detail").asString()).contains(detail);
    }

    private HttpResponse<String> get(String path, boolean asAdmin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + admin.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
