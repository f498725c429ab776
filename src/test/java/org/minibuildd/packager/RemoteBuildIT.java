package org.minibuildd.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minibuildd.db.Tables.UPLOAD;
import static org.minibuildd.db.Tables.UPLOAD_BUILD;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
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

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minibuildd.MiniBuilddApplication;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.remote.RemoteService;
import org.minibuildd.repository.RepositoryPackages;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Distributed building with two real instances in one JVM, each with its own home, cluster, HTTP and FTP port:
 * A (this test's daemon) has the repository but no chroot, B has the bookworm/amd64 chroot; they are each other's
 * active Remote. A dput upload to A is packaged for B (the only builder with the chroot), the signed build request
 * goes over FTP to B's incoming, B builds it with sbuild and sends the signed result back to A's incoming, and A
 * installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "minibuildd.identity=itest", "minibuildd.hostname=localhost", "minibuildd.incoming.listen=true",
        "minibuildd.incoming.scan-interval=1s"})
@EnabledIfSystemProperty(named = "minibuildd.integration-test", matches = "true",
        disabledReason = "an integration test: runs in failsafe (mvn verify), after the frontend bundle is built")
class RemoteBuildIT extends IsolatedDaemonIT {

    private static final int[] PORTS = freePorts(4);
    private static final int HTTP_A = PORTS[0];
    private static final int FTP_A = PORTS[1];
    private static final int HTTP_B = PORTS[2];
    private static final int FTP_B = PORTS[3];
    private static final Path HOME_A = TestHome.create("remote-build-a");
    private static final String UNSTABLE = "bookworm-test-unstable";
    private static final ObjectRef CHROOT_ON_B = new ObjectRef(ObjectType.CHROOT, "bookworm:amd64");

    @DynamicPropertySource
    static void instanceA(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", HOME_A::toString);
        registry.add("minibuildd.http-port", () -> HTTP_A);
        registry.add("minibuildd.ftp-port", () -> FTP_A);
    }

    @Autowired SetupService setup;
    @Autowired ConfigActions actions;
    @Autowired RemoteService remotes;
    @Autowired Events events;
    @Autowired RepositoryPackages packages;
    @Autowired DSLContext db;

    private ConfigurableApplicationContext builder;
    private Path work;

    @BeforeAll
    void aPackagerAndABuilderThatAreEachOthersRemotes() throws Exception {
        ChrootSeed.ensure();
        builder = new SpringApplicationBuilder(MiniBuilddApplication.class).properties(
                "minibuildd.home=" + TestHome.create("remote-build-b"), "minibuildd.http-port=" + HTTP_B,
                "minibuildd.ftp-port=" + FTP_B, "minibuildd.hostname=localhost", "minibuildd.identity=builder",
                "minibuildd.incoming.listen=true", "minibuildd.incoming.scan-interval=1s",
                "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT).run();

        var onA = setup.setup(SetupRequest.all()
                .archives(List.of(ChrootSeed.MIRROR, "http://deb.debian.org/debian-security"))
                .sources(List.of("bookworm")).distributions(List.of("bookworm:amd64"))
                .repositories(List.of("test:Default:bookworm")).build());
        assertThat(onA.instances()).noneMatch(i -> i.type().equals("Chroot"));
        var onB = builder.getBean(SetupService.class).setup(SetupRequest.all().archives(List.of(ChrootSeed.MIRROR))
                .sources(List.of("bookworm")).chroots(List.of("bookworm:amd64")).build());
        assertThat(onB.instances()).filteredOn(i -> i.type().equals("Chroot")).singleElement()
                .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));

        // Each the other's Remote, as an administrator makes them (see RemoteIT): B first lists A, then A checks B.
        var actionsB = builder.getBean(ConfigActions.class);
        var bOnA = remotes.add("localhost:" + HTTP_B);
        var aOnB = builder.getBean(RemoteService.class).add("localhost:" + HTTP_A);
        actions.run(ConfigActions.Action.PREPARE, bOnA);
        actions.run(ConfigActions.Action.ACTIVATE, bOnA);
        actionsB.run(ConfigActions.Action.PCA, aOnB);
        actions.run(ConfigActions.Action.CHECK, bOnA);
        assertThat(actions.state(bOnA).isActive()).isTrue();
        assertThat(actionsB.state(aOnB).isActive()).isTrue();
        work = Files.createTempDirectory(HOME_A, "work");
    }

    @AfterAll
    void stopTheBuilder() {
        if (builder != null) {
            try {
                builder.getBean(ConfigActions.class).run(ConfigActions.Action.REMOVE, CHROOT_ON_B);
            } finally {
                builder.close();
            }
        }
    }

    @Test
    void anUploadIsBuiltOnTheRemoteThatHasTheChrootAndInstalledHere() throws Exception {
        assertThat(json(HTTP_B, "status")).containsEntry("chroots", List.of("bookworm:amd64"));
        assertThat(json(HTTP_A, "status")).containsEntry("chroots", List.of());

        var name = "hello-remote";
        var version = "1.0-1~test12+1";
        HelloPackage.source(work, name, version, UNSTABLE, HelloPackage.Flavour.GOOD);
        TinyPackages.run(work.resolve(name + "-1.0"), List.of("dpkg-genchanges", "-S", "-sa",
                "-O../" + name + "_" + version + "_source.changes"));
        var dputConf = work.resolve("dput.cf");
        Files.writeString(dputConf, http(HTTP_A, "/mini_buildd/api/dput_conf/?output=plain"));
        var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes")
                .directory(work.toFile()).redirectErrorStream(true).start();
        var dputOutput = new String(dput.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dput.waitFor()).as(dputOutput).isZero();

        var last = awaitFinal(events, name, version, Duration.ofMinutes(10));
        assertThat(last.type()).as(last.toString()).isEqualTo(EventType.INSTALLED);
        // A packaged it for B: the request names B as builder (and its live log) and went to B's FTP incoming.
        var packaging = events.of(name, version).getFirst();
        assertThat(packaging.type()).isEqualTo(EventType.PACKAGING);
        @SuppressWarnings("unchecked")
        var request = (Map<String, Object>) ((Map<String, Object>) packaging.extra().get("buildrequests")).get("amd64");
        assertThat(request).containsEntry("builder", "http://localhost:" + HTTP_B)
                .containsEntry("upload_to", "ftp://localhost:" + FTP_A);
        assertThat((String) request.get("buildlog_building")).startsWith("http://localhost:" + HTTP_B + "/mini_buildd/builds-dir/");
        assertThat(db.select(UPLOAD_BUILD.BUILDER).from(UPLOAD_BUILD).join(UPLOAD).on(UPLOAD.ID.eq(UPLOAD_BUILD.UPLOAD_ID))
                .where(UPLOAD.SOURCE.eq(name)).fetch(UPLOAD_BUILD.BUILDER)).containsExactly("ftp://localhost:" + FTP_B);
        // B built it: its own events say so; A has none of the building.
        assertThat(builder.getBean(Events.class).of(name, version)).extracting(Event::type)
                .containsExactly(EventType.BUILDING, EventType.BUILT);
        assertThat(builder.getBean(Events.class).of(name, version).getLast().extra()).containsEntry("sbuild_status", "successful");
        assertThat(events.of(name, version)).extracting(Event::type).containsExactly(EventType.PACKAGING, EventType.INSTALLED);
        assertThat(packages.lsSource("test", name)).extracting(l -> l.distribution() + " " + l.version())
                .containsExactly(UNSTABLE + " " + version);
    }

    private static Event awaitFinal(Events events, String name, String version, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var all = events.of(name, version);
            if (!all.isEmpty() && List.of(EventType.INSTALLED, EventType.FAILED, EventType.REJECTED).contains(all.getLast().type())) {
                return all.getLast();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no final event for " + name + " " + version + " within " + timeout + ": " + events.of(name, version));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(int port, String call) throws Exception {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(http(port, "/mini_buildd/api/" + call + "/?output=json"), Map.class);
    }

    private static String http(int port, String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static int[] freePorts(int count) {
        var sockets = new ServerSocket[count];
        try {
            var ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (var socket : sockets) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException e) {
                    // freed anyway
                }
            }
        }
    }
}
