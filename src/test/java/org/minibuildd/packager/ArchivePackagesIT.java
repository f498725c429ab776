package org.minibuildd.packager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.RepositoryPackages;
import org.minibuildd.support.AptRoot;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * keyring_packages and test_packages end to end, one daemon and one chroot: the packages are made by the daemon,
 * uploaded through port_ext and our FTP incoming, built by sbuild and installed by reprepro. A user's apt, given
 * our key once, installs the keyring package and then trusts our repository through the key that package
 * installed alone; gpgv checks the signature on its own. The test packages end as they must (arch all and C++
 * INSTALLED, the FTBFS one FAILED). Refusals are problem JSON and change nothing ({@code reprepro check} clean).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        // The host's own name, as by default: the URLs in the keyring package's apt sources must reach us.
        "minibuildd.identity=itest", "minibuildd.hostname=", "minibuildd.incoming.listen=true",
        "minibuildd.incoming.scan-interval=1s", "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT})
class ArchivePackagesIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("archivepkgs");
    private static final int FTP_PORT = freePort();
    private static final int HTTP_PORT = freePort();
    private static final String UNSTABLE = "bookworm-test-unstable";
    private static final String EXPERIMENTAL = "bookworm-test-experimental";
    private static final String OTHER_UNSTABLE = "bookworm-other-unstable";
    private static final String OTHER_EXPERIMENTAL = "bookworm-other-experimental";
    private static final java.util.Set<EventType> FINAL = java.util.Set.of(EventType.INSTALLED, EventType.FAILED, EventType.REJECTED);
    private static final String ADMIN = "archive-admin";
    private static final String STAFF = "archive-staff";
    private static final String PASSWORD = "archive packages' password";

    @DynamicPropertySource
    static void ownHomeAndPorts(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
        registry.add("minibuildd.ftp-port", () -> FTP_PORT);
        registry.add("minibuildd.http-port", () -> HTTP_PORT);
    }

    @Autowired SetupService setup;
    @Autowired Events events;
    @Autowired RepositoryPackages packages;
    @Autowired UserService users;
    @Autowired InstanceKeyStore keys;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Path work;

    @BeforeAll
    void setUpWithAChroot() throws Exception {
        ChrootSeed.ensure();
        var report = setup.setup(SetupRequest.all()
                .archives(List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security"))
                .sources(List.of("bookworm")).distributions(List.of("bookworm:amd64"))
                .repositories(List.of("test:Default:bookworm", "other:Default:bookworm")).chroots(List.of("bookworm:amd64")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Chroot")).singleElement()
                .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        users.create(ADMIN, PASSWORD, "admin@example.org", Role.ADMIN);
        users.create(STAFF, PASSWORD, "staff@example.org", Role.STAFF);
        work = Files.createTempDirectory(OWN_HOME, "work");
    }

    @Test
    void aptGivenOurKeyOnceInstallsTheKeyringPackageAndThenTrustsUsThroughTheKeyItInstalled() throws Exception {
        var response = call(ADMIN, "keyring_packages/?confirm=keyring_packages&output=json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var results = json.readTree(response.body());
        // The default: the active distributions whose suite builds the keyring package (unstable in Default).
        var byDistribution = new java.util.TreeMap<String, JsonNode>();
        results.forEach(r -> byDistribution.put(r.get("distribution").asString(), r));
        assertThat(byDistribution).as(response.body()).containsOnlyKeys(OTHER_UNSTABLE, UNSTABLE);
        assertThat(byDistribution.get(OTHER_UNSTABLE).get("event").asString()).isEqualTo("INSTALLED");
        var result = byDistribution.get(UNSTABLE);
        assertThat(result.get("source").asString()).isEqualTo("itest-archive-keyring");
        assertThat(result.get("distribution").asString()).isEqualTo(UNSTABLE);
        assertThat(result.get("version").asString()).matches("\\d{14}~test12\\+1");
        assertThat(result.get("dsc_url").asString()).startsWith("file:///");
        assertThat(result.get("event").asString()).as(response.body()).isEqualTo("INSTALLED");
        // Migrated up, as mini-buildd: unstable → testing → stable, the same version everywhere.
        assertThat(result.get("note").asString()).isEqualTo("migrated to bookworm-test-testing, bookworm-test-stable");
        var version = result.get("version").asString();
        assertThat(packages.lsSource("test", "itest-archive-keyring")).extracting(l -> l.distribution() + " " + l.version())
                .containsExactlyInAnyOrder(UNSTABLE + " " + version, "bookworm-test-testing " + version, "bookworm-test-stable " + version);
        packages.check("test");

        // A user's machine: our repository alone, our key given once (inline, from sources_list deb822).
        var apt = AptRoot.create(Files.createDirectories(work.resolve("apt-root")), Files.readString(Path.of("/var/lib/dpkg/status")));
        var given = apt.root().resolve("etc/apt/sources.list.d/given-key.sources");
        Files.writeString(given, get("/mini_buildd/api/sources_list/?repositories=test&suites=unstable&deb822=true&output=plain&mirror="
                + URLEncoder.encode(url("/repositories"), StandardCharsets.UTF_8)));
        apt.run("apt-get", "update");
        apt.run("apt-get", "install", "-y", "--no-install-recommends", "itest-archive-keyring");
        var installedKey = apt.root().resolve("usr/share/keyrings/itest-archive-keyring.gpg");
        assertThat(Files.readAllBytes(installedKey)).isEqualTo(keys.get().exportBinary());

        // The given key goes; apt now knows us only through the package's own .sources example and key file (the
        // root is not a chroot, so Signed-By names the file below it). Old lists go too: apt must verify anew.
        Files.delete(given);
        try (var lists = Files.list(apt.root().resolve("var/lib/apt/lists"))) {
            for (var file : lists.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        var example = Files.readString(apt.root().resolve("usr/share/itest-archive-keyring/sources/bookworm/test_unstable.sources"));
        assertThat(example).contains("URIs: http://" + hostname() + ":" + HTTP_PORT + "/repositories/test\n",
                "Suites: " + UNSTABLE + "\n", "Signed-By: /usr/share/keyrings/itest-archive-keyring.gpg\n");
        assertThat(apt.root().resolve("usr/share/itest-archive-keyring/sources/bookworm/other_experimental.sources")).content()
                .contains("Suites: " + OTHER_EXPERIMENTAL + "\n");
        assertThat(apt.root().resolve("usr/share/itest-archive-keyring/sources.list.d/bookworm/test_stable-rollback5.list")).content()
                .contains(" bookworm-test-stable-rollback5 main");
        assertThat(apt.root().resolve("usr/share/itest-archive-keyring/sources.list.d/bookworm/test_unstable.list")).content()
                .startsWith("deb [signed-by=/usr/share/keyrings/itest-archive-keyring.gpg] http://");
        Files.writeString(apt.root().resolve("etc/apt/sources.list.d/itest.sources"),
                example.replace("Signed-By: /usr/share/keyrings/", "Signed-By: " + apt.root() + "/usr/share/keyrings/"));
        assertThat(apt.run("apt-get", "update")).contains(UNSTABLE + " InRelease").doesNotContain("NO_PUBKEY", "not signed");
        assertThat(apt.run("apt-cache", "policy", "itest-archive-keyring")).contains(version);

        // gpgv, on its own, with the installed key file only.
        var inRelease = work.resolve("InRelease");
        Files.writeString(inRelease, get("/repositories/test/dists/" + UNSTABLE + "/InRelease"));
        var gpgv = new ProcessBuilder("gpgv", "--keyring", installedKey.toAbsolutePath().toString(), inRelease.toString())
                .redirectErrorStream(true).start();
        var gpgvOutput = new String(gpgv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gpgv.waitFor()).as(gpgvOutput).isZero();
        assertThat(gpgvOutput).contains("Good signature");
    }

    @Test
    void testPackagesWithCheckReportArchallAndCppInstalledAndFtbfsFailed() throws Exception {
        var response = call(ADMIN, "test_packages/?confirm=test_packages&distributions=" + EXPERIMENTAL + "&with_check=true&output=json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var results = new ArrayList<String>();
        for (JsonNode result : json.readTree(response.body())) {
            assertThat(result.get("distribution").asString()).isEqualTo(EXPERIMENTAL);
            assertThat(result.get("version").asString()).matches("\\d{14}~test12\\+0");
            results.add(result.get("source").asString() + " " + result.get("event").asString());
        }
        assertThat(results).containsExactly("mbd-test-archall INSTALLED", "mbd-test-cpp INSTALLED", "mbd-test-ftbfs FAILED");
        assertThat(packages.lsSource("test", "mbd-test-cpp")).extracting(l -> l.distribution()).containsExactly(EXPERIMENTAL);
        assertThat(packages.lsSource("test", "mbd-test-ftbfs")).isEmpty();
        packages.check("test");
    }

    @Test
    void anInstalledTestPackageIsAutoPortedToTheDistributionsGiven() throws Exception {
        var response = call(ADMIN, "test_packages/?confirm=test_packages&sources=mbd-test-archall&distributions=" + EXPERIMENTAL
                + "&auto_ports=" + OTHER_EXPERIMENTAL + "&with_check=true&output=json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var result = json.readTree(response.body()).get(0);
        assertThat(result.get("event").asString()).isEqualTo("INSTALLED");
        var version = result.get("version").asString();
        // The auto-port is an upload of its own, made after the install, with the other repository's version.
        var ported = version.replace("~test12+0", "~other12+0");
        var deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (events.of("mbd-test-archall", ported).stream().noneMatch(e -> FINAL.contains(e.type()))) {
            assertThat(Instant.now()).as("auto-port %s: %s", ported, events.of("mbd-test-archall", version)).isBefore(deadline);
            Thread.sleep(500);
        }
        assertThat(events.of("mbd-test-archall", ported).getLast().type()).isEqualTo(EventType.INSTALLED);
        assertThat(packages.lsSource("other", "mbd-test-archall")).extracting(l -> l.distribution() + " " + l.version())
                .containsExactly(OTHER_EXPERIMENTAL + " " + ported);
        packages.check("test");
        packages.check("other");
    }

    @Test
    void refusalsAreProblemJsonAndChangeNothing() throws Exception {
        var before = events.recent(1000).size();
        refused(ADMIN, "keyring_packages/?confirm=keyring_packages&distributions=bookworm-nosuch-unstable", 400, "no repository 'nosuch'");
        refused(ADMIN, "keyring_packages/?confirm=keyring_packages&distributions=trixie-test-unstable", 400, "has no distribution 'trixie'");
        refused(ADMIN, "keyring_packages/?confirm=keyring_packages&distributions=" + EXPERIMENTAL, 400, "build_keyring_package");
        refused(ADMIN, "keyring_packages/?confirm=keyring_packages&distributions=bookworm-test-stable", 400, "takes no uploads");
        refused(ADMIN, "keyring_packages/?distributions=" + UNSTABLE, 400, "needs to be confirmed");
        refused(STAFF, "keyring_packages/?confirm=keyring_packages", 403, "");
        refused(null, "keyring_packages/?confirm=keyring_packages", 401, "");
        refused(ADMIN, "test_packages/?confirm=test_packages&sources=mbd-test-nothing", 400, "No test package 'mbd-test-nothing'");
        // All checked before the first upload: the good first distribution is not uploaded to either.
        refused(ADMIN, "test_packages/?confirm=test_packages&distributions=" + EXPERIMENTAL + ",bookworm-test-nowhere", 400,
                "has no suite 'nowhere'");
        refused(ADMIN, "test_packages/?confirm=test_packages&auto_ports=bookworm-nosuch-unstable", 400, "no repository 'nosuch'");
        refused(STAFF, "test_packages/?confirm=test_packages", 403, "");
        assertThat(events.recent(1000)).hasSize(before);
        packages.check("test");
        packages.check("other");
    }

    private void refused(String user, String call, int status, String reason) throws Exception {
        var response = call(user, call + "&output=json");
        assertThat(response.statusCode()).as(call + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains(reason);
    }

    private HttpResponse<String> call(String user, String call) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/" + call))).timeout(Duration.ofMinutes(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
