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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.RepositoryPackages;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.Uploaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Ports with real builds: port_ext of a .dsc served by a local HTTP server (unsigned, allow_unauthenticated) into
 * {@code bookworm-test-unstable}, whose changelog option {@code auto-ports} ports it on to another repository once
 * installed; then port of the installed source to experimental. Every port is signed by the instance key and goes
 * through our FTP incoming, checked, built and installed like any upload, in repositories that take signed uploads
 * only. Each refusal is problem JSON naming the reason, uploads nothing, and reprepro check is clean after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "minibuildd.identity=itest", "minibuildd.hostname=localhost", "minibuildd.incoming.listen=true",
        "minibuildd.incoming.scan-interval=1s",
        "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT})
class PortsIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("ports");
    private static final int FTP_PORT = freePort();
    private static final int HTTP_PORT = freePort();
    private static final String UNSTABLE = "bookworm-test-unstable";
    private static final String EXPERIMENTAL = "bookworm-test-experimental";
    private static final String OTHER = "bookworm-other-unstable";
    private static final String NAME = "hello-port";

    @DynamicPropertySource
    static void ownHomeAndPorts(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
        registry.add("minibuildd.ftp-port", () -> FTP_PORT);
        registry.add("minibuildd.http-port", () -> HTTP_PORT);
    }

    @Autowired SetupService setup;
    @Autowired Events events;
    @Autowired RepositoryPackages packages;
    @Autowired ConfigEditService edits;
    @Autowired ConfigActions actions;
    @Autowired InstanceKeyStore keys;

    private LocalArchive served;
    private Path work;

    @BeforeAll
    void setUp() throws Exception {
        ChrootSeed.ensure();
        var report = setup.setup(SetupRequest.all()
                .archives(List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security"))
                .sources(List.of("bookworm")).distributions(List.of("bookworm:amd64"))
                .repositories(List.of("test:Default:bookworm", "other:Default:bookworm")).chroots(List.of("bookworm:amd64")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Chroot")).singleElement()
                .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        // Only signed uploads: the ports get in because the instance key is an uploader of every repository.
        Uploaders.allowUnauthenticatedUploads(edits, actions, "test", false);
        Uploaders.allowUnauthenticatedUploads(edits, actions, "other", false);
        work = Files.createTempDirectory(OWN_HOME, "work");
        served = LocalArchive.start();
        var dir = Files.createDirectories(work.resolve("external"));
        HelloPackage.source(dir, NAME, "1.0-1", "unstable", HelloPackage.Flavour.GOOD);
        for (var file : List.of(NAME + "_1.0-1.dsc", NAME + "_1.0.orig.tar.gz", NAME + "_1.0-1.debian.tar.xz")) {
            served.put("/pool/" + file, Files.readAllBytes(dir.resolve(file)));
        }
        served.put("/pool/not-a_1.0.dsc", "This is no Debian source control file.\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        served.close();
    }

    @Test
    void portExtInstallsAutoPortsToAnotherRepositoryAndPortGoesToExperimental() throws Exception {
        var dsc = served.url("/pool/" + NAME + "_1.0-1.dsc");
        var response = staffCall("port_ext", Map.of("dsc", dsc, "distributions", UNSTABLE, "allow_unauthenticated", "true",
                "options", "lintian-mode=ignore|auto-ports=" + OTHER + ",bookworm-test-testing"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body())).containsExactly(Map.of("dsc_url", dsc, "source", NAME, "distribution", UNSTABLE,
                "version", "1.0-1~test12+1"));

        var installed = awaitFinal(NAME, "1.0-1~test12+1");
        assertThat(installed.type()).as(installed.toString()).isEqualTo(EventType.INSTALLED);
        assertThat(installed.extra().get("changed_by").toString()).contains("mini-buildd archive itest");
        // The upload's own changelog option: ported on to the other repository, after the install, with its version.
        var autoPort = installed.extra().get("auto_ports");
        assertThat(autoPort).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        var autoPorts = (Map<String, Object>) autoPort;
        assertThat(autoPorts).containsOnlyKeys(OTHER, "bookworm-test-testing");
        // A port that cannot be made is reported, and does not fail the install.
        assertThat((List<?>) autoPorts.get("bookworm-test-testing")).satisfies(failed -> {
            assertThat(failed.get(0)).isEqualTo(false);
            assertThat(failed.get(1).toString()).contains("bookworm-test-testing is not uploadable");
        });
        var outcome = (List<?>) autoPorts.get(OTHER);
        assertThat(outcome.get(0)).isEqualTo(true);
        @SuppressWarnings("unchecked")
        var result = (Map<String, Object>) outcome.get(1);
        assertThat(result).containsEntry("source", NAME).containsEntry("distribution", OTHER)
                .containsEntry("version", "1.0-1~other12+1");
        var ported = awaitFinal(NAME, "1.0-1~other12+1");
        assertThat(ported.type()).as(ported.toString()).isEqualTo(EventType.INSTALLED);
        assertThat(packages.lsSource("other", NAME)).extracting(l -> l.distribution() + " " + l.version())
                .containsExactly(OTHER + " 1.0-1~other12+1");
        // The port's .dsc carries the port's changelog entry; the original's entry is kept below it.
        var pooled = packages.repositoryDirectory("other").resolve("pool/main/h/" + NAME + "/" + NAME + "_1.0-1~other12+1.dsc");
        assertThat(Files.readString(pooled)).startsWith("-----BEGIN PGP SIGNED MESSAGE-----");

        // port (staff) of the installed source to experimental: the experimental default version (+0).
        var toExperimental = staffCall("port", Map.of("source", NAME, "from_distribution", UNSTABLE, "to_distributions", EXPERIMENTAL));
        assertThat(toExperimental.statusCode()).as(toExperimental.body()).isEqualTo(200);
        assertThat(json(toExperimental.body())).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("dsc_url", url("/repositories/test/pool/main/h/" + NAME + "/" + NAME + "_1.0-1~test12+1.dsc"))
                .containsEntry("source", NAME).containsEntry("distribution", EXPERIMENTAL).containsEntry("version", "1.0-1~test12+0"));
        var experimental = awaitFinal(NAME, "1.0-1~test12+0");
        assertThat(experimental.type()).as(experimental.toString()).isEqualTo(EventType.INSTALLED);
        assertThat(experimental.extra().get("auto_ports")).isEqualTo(Map.of());
        assertThat(packages.lsSource("test", NAME)).extracting(l -> l.distribution() + " " + l.version())
                .containsExactlyInAnyOrder(UNSTABLE + " 1.0-1~test12+1", EXPERIMENTAL + " 1.0-1~test12+0");

        // The same distribution: a rebuild, and the version it replaces goes to the rollbacks.
        var rebuild = staffCall("port", Map.of("source", NAME, "from_distribution", UNSTABLE, "to_distributions", UNSTABLE,
                "options", ""));
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(200);
        var rebuildVersion = json(rebuild.body()).getFirst().get("version").toString();
        assertThat(rebuildVersion).matches("1\\.0-1~test12\\+1\\+rebuilt[0-9]{14}");
        var rebuilt = awaitFinal(NAME, rebuildVersion);
        assertThat(rebuilt.type()).as(rebuilt.toString()).isEqualTo(EventType.INSTALLED);
        assertThat(packages.lsSource("test", NAME)).extracting(l -> l.distribution() + " " + l.version())
                .contains(UNSTABLE + " " + rebuildVersion, UNSTABLE + "-rollback0 1.0-1~test12+1");
        packages.check("test");
        packages.check("other");
    }

    @Test
    void refusalsAreProblemJsonAndChangeNothing() throws Exception {
        var dsc = served.url("/pool/" + NAME + "_1.0-1.dsc");
        record Refusal(String call, Map<String, String> args, int status, String reason) { }
        var refusals = List.of(
                new Refusal("port", Map.of("source", "no-such-source", "from_distribution", UNSTABLE, "to_distributions", OTHER),
                        404, "no-such-source"),
                new Refusal("port", Map.of("source", NAME, "from_distribution", UNSTABLE, "to_distributions", "bookworm-test-testing"),
                        400, "bookworm-test-testing is not uploadable"),
                new Refusal("port_ext", Map.of("dsc", dsc, "distributions", "bookworm-nowhere-unstable", "allow_unauthenticated", "true"),
                        400, "there is no repository"),
                new Refusal("port_ext", Map.of("dsc", served.url("/pool/missing_1.0.dsc"), "distributions", UNSTABLE,
                        "allow_unauthenticated", "true"), 400, "cannot be fetched"),
                new Refusal("port_ext", Map.of("dsc", served.url("/pool/not-a_1.0.dsc"), "distributions", UNSTABLE,
                        "allow_unauthenticated", "true"), 400, "is not a Debian source package"),
                new Refusal("port_ext", Map.of("dsc", served.url("/pool/" + NAME + "_1.0-1.debian.tar.xz"), "distributions", UNSTABLE,
                        "allow_unauthenticated", "true"), 400, "not a .dsc URL"),
                new Refusal("port_ext", Map.of("dsc", dsc, "distributions", UNSTABLE, "options", "lintian-mode=sometimes"),
                        400, "lintian-mode"),
                // Unsigned: dscverify refuses it, unless allowed.
                new Refusal("port_ext", Map.of("dsc", dsc, "distributions", OTHER), 400, "allow_unauthenticated"));
        for (var refusal : refusals) {
            var before = events.recent(1000).size();
            var response = staffCall(refusal.call(), refusal.args());
            assertThat(response.statusCode()).as(refusal + ": " + response.body()).isEqualTo(refusal.status());
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(response.body()).as(refusal.toString()).contains(refusal.reason());
            assertThat(events.recent(1000)).as("no upload from " + refusal).hasSize(before);
            packages.check("test");
            packages.check("other");
        }
        // Without confirm nothing happens either.
        var unconfirmed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/port_ext/?dsc="
                + URLEncoder.encode(dsc, StandardCharsets.UTF_8) + "&distributions=" + UNSTABLE + "&output=json")))
                .header("Authorization", adminAuth()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unconfirmed.statusCode()).as(unconfirmed.body()).isNotEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(String body) {
        return JsonMapper.builder().build().readValue(body, List.class);
    }

    private HttpResponse<String> staffCall(String call, Map<String, String> args) throws Exception {
        var query = new StringBuilder("confirm=" + call + "&output=json");
        args.forEach((k, v) -> query.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/" + call + "/?" + query)))
                .header("Authorization", adminAuth()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String adminAuth() throws IOException {
        var password = Files.readString(OWN_HOME.resolve("admin-password")).strip();
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Event awaitFinal(String source, String version) throws InterruptedException {
        var limit = Duration.ofMinutes(10);
        var deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            var all = events.of(source, version);
            if (!all.isEmpty()) {
                var last = all.getLast();
                if (List.of(EventType.INSTALLED, EventType.FAILED, EventType.REJECTED).contains(last.type())) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no final event for " + source + " " + version + " within " + limit + ": " + events.of(source, version));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
