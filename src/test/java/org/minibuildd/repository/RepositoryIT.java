package org.minibuildd.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.ARCHITECTURE;
import static org.minibuildd.db.Tables.DISTRIBUTION_ARCHITECTURE;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.daemon.Home;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real reprepro repository made from the {@code test} Repository (Default layout, bookworm): its configuration as
 * the reference writes it, signatures Debian's gpgv accepts, the install primitives with rollbacks, reprepro's
 * refusals, and delivery over HTTP. The bookworm source comes from a local archive serving the real bookworm
 * InRelease, so no network is needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryIT extends IsolatedDaemonIT {

    private static final Path REAL_IN_RELEASE = Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease");
    private static final Path OWN_HOME = TestHome.create("repository");
    private static final Path REFERENCE = Path.of("src/test/resources/reference/reprepro/distributions");

    @DynamicPropertySource
    static void ownHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
    }

    @Autowired SetupService setup;
    @Autowired ConfigActions actions;
    @Autowired RepositoryPackages packages;
    @Autowired InstanceKeyStore keys;
    @Autowired Home home;
    @Autowired DSLContext db;
    @Autowired org.minibuildd.repository.internal.SigningUpgrade upgrades;

    private LocalArchive archive;
    private Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void setUpTheTestRepository() throws Exception {
        archive = LocalArchive.start();
        archive.put("/debian/dists/bookworm/InRelease", Files.readAllBytes(REAL_IN_RELEASE));
        // bookworm-backports as an extra source (security stays left out: this archive does not carry it).
        archive.put("/debian/dists/bookworm-backports/InRelease",
                Files.readAllBytes(Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm-backports_InRelease")));
        var report = setup.setup(SetupRequest.all().archives(List.of(archive.url("/debian/")))
                .distributions(List.of("bookworm:amd64")).repositories(List.of("test:Default:bookworm")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Repository")).singleElement()
                .satisfies(i -> {
                    assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE);
                    assertThat(i.note()).contains("uploads without signature allowed", "served at /repositories/test/");
                });
        work = Files.createTempDirectory(TestHome.create("packages"), "work");
    }

    @AfterAll
    void stopArchive() {
        archive.close();
    }

    private Path repository() {
        return home.repositories().resolve("test");
    }

    @Test
    void theRepositoryIsConfiguredAsTheReferenceWritesItAndReprepoChecksClean() throws Exception {
        // The reference's instance is "ref" on localhost; both let reprepro sign, ours names the key by its fingerprint.
        var expected = Files.readString(REFERENCE).replace("archive ref on localhost", "archive itest on build.example.org")
                .replace("SignWith: default\n", "SignWith: " + keys.get().fingerprint() + "\n");
        assertThat(Files.readString(repository().resolve("conf/distributions"))).isEqualTo(expected);
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
        assertThat(Files.readString(repository().resolve("conf/options"))).isEqualTo("gnupghome " + home.keys().resolve("gnupg") + "\n");
        assertThat(home.keys().resolve("gnupg")).satisfies(gnupg -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(gnupg))).isEqualTo("rwx------"));
        assertThat(repository().resolve("dists")).isDirectoryContaining(p -> p.getFileName().toString().equals("bookworm-test-unstable-rollback8"));
    }

    @Test
    void everyDistributionIsSignedSoThatDebiansGpgvAccepts() throws Exception {
        var keyring = work.resolve("archive-key.gpg");
        Files.write(keyring, keys.get().exportBinary());
        try (var dists = Files.list(repository().resolve("dists"))) {
            var all = dists.toList();
            assertThat(all).hasSize(46);
            for (var dist : all) {
                TinyPackages.run(dist, List.of("gpgv", "--keyring", keyring.toString(), "InRelease"));
                TinyPackages.run(dist, List.of("gpgv", "--keyring", keyring.toString(), "Release.gpg", "Release"));
            }
        }
        // A changed Release no longer verifies: the check is real.
        var tampered = work.resolve("Release");
        var dist = repository().resolve("dists/bookworm-test-stable");
        Files.writeString(tampered, Files.readString(dist.resolve("Release")).replace("NotAutomatic: yes", "NotAutomatic: no"));
        var process = new ProcessBuilder("gpgv", "--keyring", keyring.toString(), dist.resolve("Release.gpg").toString(), tampered.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isNotZero();
    }

    @Test
    void installShiftsOlderVersionsThroughTheRollbacksAndDropsTheOldest() throws Exception {
        // testing keeps 3 rollbacks in the Default layout.
        for (var version : List.of("1.0", "1.1", "1.2", "1.3", "1.4")) {
            install("rolling", version, "testing");
        }
        var listing = packages.lsSource("test", "rolling");
        assertThat(listing).extracting(PackageListing::distribution, PackageListing::version).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("bookworm-test-testing", "1.4"),
                org.assertj.core.groups.Tuple.tuple("bookworm-test-testing-rollback0", "1.3"),
                org.assertj.core.groups.Tuple.tuple("bookworm-test-testing-rollback1", "1.2"),
                org.assertj.core.groups.Tuple.tuple("bookworm-test-testing-rollback2", "1.1"));
        // Binaries move with their source.
        assertThat(packages.ls("test", "rolling")).filteredOn(l -> !l.architecture().equals("source"))
                .extracting(PackageListing::distribution).contains("bookworm-test-testing", "bookworm-test-testing-rollback2");
        // Nothing of 1.0 is left in the pool.
        try (var pool = Files.walk(repository().resolve("pool"))) {
            assertThat(pool.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("rolling_1.0"));
        }

        packages.copy("test", "bookworm-test-testing", "bookworm-test-stable", "rolling", null);
        assertThat(packages.lsSource("test", "rolling")).anyMatch(l -> l.distribution().equals("bookworm-test-stable") && l.version().equals("1.4"));
        packages.remove("test", "bookworm-test-stable", "rolling", "1.4");
        assertThat(packages.lsSource("test", "rolling")).noneMatch(l -> l.distribution().equals("bookworm-test-stable"));
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
    }

    @Test
    void anInstallDoneAgainAfterACrashFindsItsWorkDoneAndShiftsNothing() throws Exception {
        install("again", "1.0", "unstable");
        var dir = Files.createDirectories(work.resolve("again-1.1"));
        var dsc = TinyPackages.source(dir, "again", "1.1");
        var deb = TinyPackages.binary(dir, "again", "1.1");
        var changes = TinyPackages.binaryChanges(dir, "again", "1.1", deb, "bookworm-test-unstable");
        packages.install("test", "bookworm", "unstable", dsc, List.of(changes));
        // The daemon died before it could record the install: the packager runs the same install again.
        packages.install("test", "bookworm", "unstable", dsc, List.of(changes));
        assertThat(packages.lsSource("test", "again")).extracting(PackageListing::distribution, PackageListing::version)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bookworm-test-unstable", "1.1"),
                        org.assertj.core.groups.Tuple.tuple("bookworm-test-unstable-rollback0", "1.0"));
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
    }

    @Test
    void whatRepreproRefusesIsReportedInItsWordsAndTheRepositoryStaysConsistent() throws Exception {
        install("refused", "2.0", "unstable");

        var older = TinyPackages.source(work.resolve("older"), "refused", "1.0");
        assertThatThrownBy(() -> packages.includeSource("test", "bookworm-test-unstable", older))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("as it has already '2.0'");

        var different = TinyPackages.source(Files.createDirectories(work.resolve("different")), "refused", "2.0", "other content");
        assertThatThrownBy(() -> packages.includeSource("test", "bookworm-test-unstable", different))
                .hasMessageContaining("Already existing files can only be included again, if they are the same");

        assertThatThrownBy(() -> packages.includeSource("test", "bookworm-test-nonexistent", older))
                .hasMessageContaining("has no distribution bookworm-test-nonexistent");

        // A build result whose checksum does not match: the install is refused and 2.0 stays where it was.
        var dir = Files.createDirectories(work.resolve("broken"));
        var dsc = TinyPackages.source(dir, "refused", "2.1");
        var deb = TinyPackages.binary(dir, "refused", "2.1");
        var changes = TinyPackages.binaryChanges(dir, "refused", "2.1", deb, "bookworm-test-unstable");
        Files.writeString(deb, "not the deb the changes describe", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> packages.install("test", "bookworm", "unstable", dsc, List.of(changes)))
                .hasMessageContaining("nothing changed");
        assertThat(packages.lsSource("test", "refused")).extracting(PackageListing::distribution, PackageListing::version)
                .contains(org.assertj.core.groups.Tuple.tuple("bookworm-test-unstable", "2.0"))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("bookworm-test-unstable", "2.1"));
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
    }

    @Test
    void aChangedDistributionIsPreparedAgainWithoutLosingPackages() throws Exception {
        install("kept", "1.0", "experimental");
        db.insertInto(ARCHITECTURE, ARCHITECTURE.NAME).values("i386").onConflictDoNothing().execute();
        db.insertInto(DISTRIBUTION_ARCHITECTURE, DISTRIBUTION_ARCHITECTURE.DISTRIBUTION_ID, DISTRIBUTION_ARCHITECTURE.ARCHITECTURE)
                .select(db.select(DISTRIBUTION_ARCHITECTURE.DISTRIBUTION_ID, org.jooq.impl.DSL.val("i386"))
                        .from(DISTRIBUTION_ARCHITECTURE).limit(1)).execute();
        var repository = new ObjectRef(ObjectType.REPOSITORY, "test");
        actions.markChanged(repository);
        assertThat(actions.state(repository).isActive()).isFalse();

        actions.run(ConfigActions.Action.PCA, repository);
        assertThat(actions.state(repository).isActive()).isTrue();
        assertThat(Files.readString(repository().resolve("conf/distributions"))).contains("Architectures: source amd64 i386");
        assertThat(Files.readString(repository().resolve("dists/bookworm-test-unstable/Release"))).contains("Architectures: amd64 i386");
        assertThat(packages.lsSource("test", "kept")).extracting(PackageListing::distribution).containsExactly("bookworm-test-experimental");

        db.deleteFrom(DISTRIBUTION_ARCHITECTURE).where(DISTRIBUTION_ARCHITECTURE.ARCHITECTURE.eq("i386")).execute();
        actions.markChanged(repository);
        actions.run(ConfigActions.Action.PCA, repository);
    }

    @Test
    void repositoriesAreServedWithCachingAndRangesAndNothingElseIs() throws Exception {
        install("served", "1.0", "unstable");
        var inRelease = "/repositories/test/dists/bookworm-test-unstable/InRelease";
        var first = get(inRelease, null, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).startsWith("-----BEGIN PGP SIGNED MESSAGE-----");
        var etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Last-Modified")).isPresent();
        assertThat(get(inRelease, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(inRelease, "If-Modified-Since", first.headers().firstValue("Last-Modified").orElseThrow()).statusCode()).isEqualTo(304);

        var range = get(inRelease, "Range", "bytes=0-9");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.US_ASCII)).isEqualTo("-----BEGIN");
        assertThat(range.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes 0-9/" + first.body().length);
        assertThat(get(inRelease, "Range", "bytes=" + first.body().length + "-").statusCode()).isEqualTo(416);

        // A new export is served at once (no cache between the disk and apt).
        install("served-too", "1.0", "unstable");
        var after = get(inRelease, "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(Files.readAllBytes(repository().resolve("dists/bookworm-test-unstable/InRelease")))
                .isNotEqualTo(first.body());

        var deb = "/repositories/test/pool/main/s/served/served_1.0_all.deb";
        var debResponse = get(deb, null, null);
        assertThat(debResponse.statusCode()).isEqualTo(200);
        assertThat(debResponse.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/vnd.debian.binary-package");
        assertThat(debResponse.body()).isEqualTo(Files.readAllBytes(repository().resolve("pool/main/s/served/served_1.0_all.deb")));

        var head = http.send(HttpRequest.newBuilder(URI.create(url(deb))).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(debResponse.body().length);

        var listing = get("/repositories/test/", null, null);
        assertThat(listing.statusCode()).isEqualTo(200);
        var html = new String(listing.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("href=\"/repositories/test/dists/\"", "href=\"/repositories/test/pool/\"").doesNotContain("conf/", "db/");
        assertThat(get("/repositories/test", null, null).statusCode()).isEqualTo(301);

        // reprepro's own files, hidden files, traversal and links out are not reachable.
        Files.writeString(home.root().resolve("secret"), "not for apt");
        Files.createSymbolicLink(repository().resolve("dists/escape"), home.root());
        for (var path : List.of("/repositories/test/conf/distributions", "/repositories/test/db/", "/repositories/test/dists/escape/secret",
                "/repositories/test/dists/bookworm-test-unstable/.InRelease.new", "/repositories/nonexistent/")) {
            assertThat(get(path, null, null).statusCode()).as(path).isEqualTo(404);
        }
        // Dot segments, plain or encoded, are resolved by the server before routing (the request is then no longer
        // one for a repository); encoded slashes are refused outright.
        for (var raw : List.of("/repositories/test/../../secret", "/repositories/test/%2e%2e/%2e%2e/secret",
                "/repositories/test/dists/..%2f..%2f..%2fsecret", "/repositories/%2e%2e/secret",
                "/repositories/test/dists/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret")) {
            var answer = rawGet(raw);
            assertThat(answer).as(raw).doesNotContain("not for apt");
            assertThat(answer.lines().findFirst().orElseThrow()).as(raw).doesNotContain(" 200 ");
        }
    }

    @Test
    void theHttpPortAnswersPipelinedFetchesLargeFilesAndEncodedNamesBesideTheApplication() throws Exception {
        install("door", "1.0", "unstable");
        var inRelease = "/repositories/test/dists/bookworm-test-unstable/InRelease";
        var inReleaseBytes = Files.readAllBytes(repository().resolve("dists/bookworm-test-unstable/InRelease"));

        // Two repository fetches and an API call sent at once on one connection: all three answered in order,
        // the third by the application.
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            var request = "GET " + inRelease + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
            socket.getOutputStream().write((request + request
                    + "GET /mini_buildd/api/status/?output=json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            var answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            var body = new String(inReleaseBytes, StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200 ", -1)).hasSize(4);
            assertThat(answers.indexOf(body)).isGreaterThan(0);
            assertThat(answers.indexOf(body, answers.indexOf(body) + body.length())).isGreaterThan(0);
            assertThat(answers).contains("\"identity\"");
        }

        // HTTP/1.0 without keep-alive: one answer, then the connection closes.
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("HEAD " + inRelease + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200 ").contains("Connection: close", "Content-Length: " + inReleaseBytes.length)
                    .endsWith("\r\n\r\n");
        }

        // A file too large to keep in memory is sent from disk, whole and in ranges; apt's %7e for '~' decodes.
        var large = repository().resolve("pool/main/d/door/door-data_1.0~big_all.deb");
        var bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(large, bytes);
        var path = "/repositories/test/pool/main/d/door/door-data_1.0%7ebig_all.deb";
        var whole = get(path, null, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        var middle = get(path, "Range", "bytes=100000-199999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100_000, 200_000));
        var tail = get(path, "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
    }

    @Test
    void sourcesListAndDputConfAnswerAsTheReferenceDoes() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var reference = json.readTree(Files.readString(Path.of("src/test/resources/reference/api-samples/sources_list.json"))).asString()
                .replace("http://localhost:8066", "http://build.example.org:8066");
        var ours = json.readTree(get("/mini_buildd/api/sources_list/?repositories=test&codenames=bookworm&output=json", null, null).body()).asString();
        assertThat(ours).isEqualTo(reference);
        var dput = json.readTree(Files.readString(Path.of("src/test/resources/reference/api-samples/dput_conf.json"))).asString()
                .replace("mini-buildd-ref", "mini-buildd-itest").replace("localhost:8067", "build.example.org:8067");
        assertThat(json.readTree(get("/mini_buildd/api/dput_conf/?output=json", null, null).body()).asString()).isEqualTo(dput);

        var rollbacks = new String(get("/mini_buildd/api/sources_list/?suites=unstable&rollbacks=2&types=deb,deb-src&options=arch=amd64&output=plain",
                null, null).body(), StandardCharsets.UTF_8);
        assertThat(rollbacks.lines()).containsExactly(
                "deb [arch=amd64] http://build.example.org:8066/repositories/test bookworm-test-unstable main contrib non-free non-free-firmware",
                "deb-src [arch=amd64] http://build.example.org:8066/repositories/test bookworm-test-unstable main contrib non-free non-free-firmware",
                "deb [arch=amd64] http://build.example.org:8066/repositories/test bookworm-test-unstable-rollback0 main contrib non-free non-free-firmware",
                "deb-src [arch=amd64] http://build.example.org:8066/repositories/test bookworm-test-unstable-rollback0 main contrib non-free non-free-firmware",
                "deb [arch=amd64] http://build.example.org:8066/repositories/test bookworm-test-unstable-rollback1 main contrib non-free non-free-firmware",
                "deb-src [arch=amd64] http://build.example.org:8066/repositories/test bookworm-test-unstable-rollback1 main contrib non-free non-free-firmware");
        assertThat(get("/mini_buildd/api/sources_list/?repositories=nope&output=json", null, null).statusCode()).isEqualTo(400);
        assertThat(get("/mini_buildd/api/sources_list/?snapshot=weekly&output=json", null, null).statusCode()).isEqualTo(400);

        // Extra sources come first, from the archive that carried them; comments name the apt pin.
        var extra = new String(get("/mini_buildd/api/sources_list/?suites=unstable&with_extra=true&with_comment=true&output=plain",
                null, null).body(), StandardCharsets.UTF_8);
        assertThat(extra.lines().filter(l -> l.startsWith("deb ")).findFirst().orElseThrow())
                .isEqualTo("deb [] " + archive.url("/debian") + " bookworm-backports main contrib non-free non-free-firmware");
        assertThat(extra).contains("# Mini-Buildd archive itest on build.example.org 'bookworm-test-unstable': "
                + "release n=bookworm-test-unstable, o=Mini-Buildd archive itest on build.example.org\n"
                + "deb [] http://build.example.org:8066/repositories/test bookworm-test-unstable main contrib non-free non-free-firmware\n");
    }

    /**
     * What a user does: take the apt line and the key from our API, then apt-get update and install from our HTTP
     * server, signatures checked, into a throwaway root, and run the program.
     */
    @Test
    void aptGetInstallsFromOurRepositoryWithTheLineAndKeyFromOurApi() throws Exception {
        install("hello-mb", "1.0", "unstable");
        var aptRoot = org.minibuildd.support.AptRoot.create(Files.createDirectories(work.resolve("apt-root")), "");
        var root = aptRoot.root();
        // deb822 with the key inline in Signed-By: one file is all apt needs.
        var sources = new String(get("/mini_buildd/api/sources_list/?repositories=test&suites=unstable&deb822=true&output=plain&mirror="
                + java.net.URLEncoder.encode(url("/repositories"), StandardCharsets.UTF_8), null, null).body(), StandardCharsets.UTF_8);
        assertThat(sources).contains("Types: deb", "Suites: bookworm-test-unstable", "Signed-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----");
        Files.writeString(root.resolve("etc/apt/sources.list.d/mini-buildd-itest.sources"), sources);
        var config = aptRoot.config();
        var update = apt(config, List.of("apt-get", "update"));
        assertThat(update).contains("bookworm-test-unstable InRelease").doesNotContain("NO_PUBKEY", "not signed");
        apt(config, List.of("apt-get", "install", "-y", "hello-mb"));
        assertThat(TinyPackages.run(root, List.of("sh", root.resolve("usr/bin/hello-mb").toString())).strip()).isEqualTo("hello-mb 1.0");

        // The other way round: the one-line form with the key from pub_key in a keyring file of its own.
        var key = root.resolve("etc/apt/keyrings/itest.asc");
        Files.createDirectories(key.getParent());
        Files.write(key, get("/mini_buildd/api/pub_key/?output=plain", null, null).body());
        var line = new String(get("/mini_buildd/api/sources_list/?repositories=test&suites=unstable&output=plain&options=signed-by="
                + key + "&mirror=" + java.net.URLEncoder.encode(url("/repositories"), StandardCharsets.UTF_8), null, null).body(), StandardCharsets.UTF_8);
        Files.delete(root.resolve("etc/apt/sources.list.d/mini-buildd-itest.sources"));
        Files.writeString(root.resolve("etc/apt/sources.list"), line);
        assertThat(apt(config, List.of("apt-get", "update"))).doesNotContain("NO_PUBKEY");
        // A repository signed by some other key is refused.
        Files.write(key, new InstanceKeyStore(TestHome.create("stranger"), "stranger", "example.org").get().exportArmored()
                .getBytes(StandardCharsets.US_ASCII));
        Files.walk(root.resolve("var/lib/apt/lists")).filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
        var refused = new ProcessBuilder("apt-get", "update").redirectErrorStream(true);
        refused.environment().put("APT_CONFIG", config.toString());
        var process = refused.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        assertThat(output).contains("NO_PUBKEY");
    }

    /**
     * reprepro signs while it exports and renames Release, InRelease and Release.gpg together: apt running
     * {@code apt-get update} again and again while installs and removes go into the distribution never sees it
     * unsigned, signed for another Release or not signed by the instance key. What remains is apt's own two-step
     * fetch (InRelease, then the indices it names): an index that changed in between is "Mirror sync in progress",
     * as on any mirror without by-hash; those runs are counted, not failed.
     */
    @Test
    void aptGetUpdateNeverSeesAnUnsignedOrStaleReleaseWhileInstallsAndRemovesRun() throws Exception {
        var diststr = "bookworm-test-experimental";
        var dir = Files.createDirectories(work.resolve("churn"));
        var dsc = TinyPackages.source(dir, "churn", "1.0");
        var deb = TinyPackages.binary(dir, "churn", "1.0");
        var changes = TinyPackages.binaryChanges(dir, "churn", "1.0", deb, diststr);
        var keyring = work.resolve("churn-key.gpg");
        Files.write(keyring, keys.get().exportBinary());
        var aptRoot = org.minibuildd.support.AptRoot.create(Files.createDirectories(work.resolve("churn-apt")), "");
        Files.writeString(aptRoot.root().resolve("etc/apt/sources.list"),
                "deb [signed-by=" + keyring + "] " + url("/repositories/test") + " " + diststr + " main\n");

        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var changesDone = new java.util.concurrent.atomic.AtomicInteger();
        var churn = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> {
            while (!stop.get()) {
                packages.install("test", "bookworm", "experimental", dsc, List.of(changes));
                packages.remove("test", diststr, "churn", "1.0");
                changesDone.addAndGet(2);
            }
            return null;
        });
        var inReleases = new java.util.HashSet<String>();
        var indexRaces = 0;
        var failures = new java.util.ArrayList<String>();
        var served = work.resolve("churn-InRelease");
        try {
            for (int i = 0; i < 200 && failures.isEmpty(); i++) {
                var builder = new ProcessBuilder("apt-get", "update").redirectErrorStream(true);
                builder.environment().put("APT_CONFIG", aptRoot.config().toString());
                var process = builder.start();
                var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean failed = process.waitFor() != 0 || output.lines().anyMatch(l -> l.startsWith("W:") || l.startsWith("E:"));
                if (failed && isIndexRace(output)) {
                    indexRaces++;
                } else if (failed) {
                    failures.add(output);
                }
                // Each InRelease as served verifies with Debian's gpgv against the instance key alone.
                var inRelease = get("/repositories/test/dists/" + diststr + "/InRelease", null, null);
                assertThat(inRelease.statusCode()).isEqualTo(200);
                Files.write(served, inRelease.body());
                TinyPackages.run(work, List.of("gpgv", "--keyring", keyring.toString(), served.toString()));
                inReleases.add(new String(inRelease.body(), StandardCharsets.UTF_8));
            }
        } finally {
            stop.set(true);
            churn.get(2, java.util.concurrent.TimeUnit.MINUTES);
        }
        assertThat(failures).as("apt-get update failures other than an index changed after its InRelease").isEmpty();
        // The loops really ran into each other: apt saw many different Releases while the distribution changed.
        assertThat(changesDone.get()).isGreaterThan(20);
        assertThat(inReleases).hasSizeGreaterThan(20);
        org.slf4j.LoggerFactory.getLogger(RepositoryIT.class).info("churn: {} changes, {} InReleases seen, {} of 200 apt-get update runs met an index changed after its InRelease",
                changesDone.get(), inReleases.size(), indexRaces);
        // Quiet again, apt updates cleanly and reprepro's database is consistent.
        assertThat(apt(aptRoot.config(), List.of("apt-get", "update"))).doesNotContain("W:", "E:");
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
    }

    /**
     * A repository prepared before reprepro signed: its configuration lacks SignWith, and an export then leaves the
     * distribution without InRelease (reprepro drops what it cannot sign). The start of the daemon, or the
     * repository's check, writes it again and exports it signed.
     */
    @Test
    void aRepositoryFromBeforeRepreproSignedIsUpgradedAtStartAndByItsCheck() throws Exception {
        var conf = repository().resolve("conf/distributions");
        var current = Files.readString(conf);
        var hotfix = repository().resolve("dists/bookworm-test-hotfix");
        var keyring = work.resolve("upgrade-key.gpg");
        Files.write(keyring, keys.get().exportBinary());
        for (Runnable upgrade : List.<Runnable>of(upgrades::upgradeAll,
                () -> actions.run(ConfigActions.Action.CHECK, new ObjectRef(ObjectType.REPOSITORY, "test")))) {
            Files.writeString(conf, current.replaceAll("(?m)^SignWith: .*\n", ""));
            TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "export", "bookworm-test-hotfix"));
            assertThat(hotfix.resolve("InRelease")).doesNotExist();

            upgrade.run();
            assertThat(Files.readString(conf)).isEqualTo(current);
            TinyPackages.run(hotfix, List.of("gpgv", "--keyring", keyring.toString(), "InRelease"));
            TinyPackages.run(hotfix, List.of("gpgv", "--keyring", keyring.toString(), "Release.gpg", "Release"));
        }
        TinyPackages.run(repository(), List.of("reprepro", "-b", repository().toString(), "check"));
    }

    /** apt fetched an InRelease and then an index it names had already been replaced by the next export. */
    private static boolean isIndexRace(String output) {
        return output.lines().filter(l -> l.startsWith("W:") || l.startsWith("E:"))
                .allMatch(l -> l.contains("Mirror sync in progress") || l.contains("Hash Sum mismatch") && !l.contains("Release")
                        || l.startsWith("E: Some index files failed to download"));
    }

    private static String apt(Path config, List<String> command) throws Exception {
        return new org.minibuildd.support.AptRoot(config.getParent(), config).run(command.toArray(String[]::new));
    }

    @Test
    void theDashboardListsTheRepositoryWithItsAptLinesAndBrowsing() throws Exception {
        var browser = org.minibuildd.support.Chromium.start();
        try {
            browser.get(url("/"));
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30));
            var line = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.id("repository-test")));
            assertThat(line.getText()).contains("test", "bookworm", "layout Default", "Active", "apt lines", "dput config");
            assertThat(browser.findElements(org.openqa.selenium.By.id("empty-repositories"))).isEmpty();
            line.findElement(org.openqa.selenium.By.linkText("test")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.titleContains("Index of /repositories/test/"));
            assertThat(browser.getPageSource()).contains("dists/", "pool/");
        } finally {
            browser.quit();
        }
    }

    @Test
    void removeTakesTheRepositoryOffLineButKeepsItsPackagesAside() throws Exception {
        var report = setup.setup(SetupRequest.all().repositories(List.of("scratch:Default:bookworm")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Repository")).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        var dir = Files.createDirectories(work.resolve("scratch"));
        packages.includeSource("scratch", "bookworm-scratch-unstable", TinyPackages.source(dir, "kept-aside", "1.0"));
        assertThat(get("/repositories/scratch/dists/bookworm-scratch-unstable/InRelease", null, null).statusCode()).isEqualTo(200);

        var scratch = new ObjectRef(ObjectType.REPOSITORY, "scratch");
        actions.run(ConfigActions.Action.REMOVE, scratch);
        assertThat(actions.state(scratch).isPrepared()).isFalse();
        assertThat(home.repositories().resolve("scratch")).doesNotExist();
        assertThat(get("/repositories/scratch/dists/bookworm-scratch-unstable/InRelease", null, null).statusCode()).isEqualTo(404);
        try (var aside = Files.walk(home.root().resolve("removed/repositories"))) {
            assertThat(aside.map(p -> p.getFileName().toString())).contains("kept-aside_1.0.dsc");
        }
        // Prepared again, it starts empty.
        actions.run(ConfigActions.Action.PCA, scratch);
        assertThat(packages.lsSource("scratch", "kept-aside")).isEmpty();
    }

    /** Installs a tiny source and its arch-all binary into {@code <codename>-test-<suite>}. */
    private void install(String name, String version, String suite) throws Exception {
        var dir = Files.createDirectories(work.resolve(name + "-" + version + "-" + suite));
        var dsc = TinyPackages.source(dir, name, version);
        var deb = TinyPackages.binary(dir, name, version);
        packages.install("test", "bookworm", suite, dsc, List.of(TinyPackages.binaryChanges(dir, name, version, deb, "bookworm-test-" + suite)));
    }

    private HttpResponse<byte[]> get(String path, String header, String value) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request line sent exactly as written: no client normalises these paths first. */
    private String rawGet(String path) throws IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
