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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.builder.internal.ChrootMaker;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.repository.RepositoryPackages;
import org.minibuildd.support.AptRoot;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.minibuildd.support.UploaderGpg;
import org.minibuildd.support.Uploaders;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The spine end to end, every part real: a tiny C package built by the test is signed with debsign by a user whose
 * key was registered with set_user_key and activated by the administrator, and uploaded with Debian's dput (config
 * from our dput_conf call) to {@code bookworm-test-unstable}, which takes signed uploads only; the packager checks it and sends a signed build
 * request over FTP to the builder; sbuild builds it with lintian in the bookworm chroot; the signed result comes
 * back over FTP; reprepro installs it; and apt-get, with our sources_list and signature checking on, installs it
 * into a throwaway root, where the program runs. The daemon's host name is the machine's own, as by default, which
 * on a Debian machine (and this one) may resolve through the host's {@code /etc/hosts} only: builds must reach our
 * repository all the same, build with what only it has, and fail saying so when they cannot fetch it. A build whose
 * chroot is broken under the running daemon is not the package's failure: it waits until the chroot works again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "minibuildd.identity=itest", "minibuildd.hostname=", "minibuildd.incoming.listen=true",
        "minibuildd.incoming.scan-interval=1s",
        // Its own @SpringBootTest replaces IsolatedDaemonIT's: the chroot is a copy of the seed, not a debootstrap.
        "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT})
class UploadToInstalledIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("spine");
    private static final int FTP_PORT = freePort();
    private static final int HTTP_PORT = freePort();
    private static final String UNSTABLE = "bookworm-test-unstable";

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
    @Autowired ConfigEditService edits;
    @Autowired ConfigActions actions;
    @Autowired InstanceService instances;
    @Autowired ChrootMaker chroots;

    private Path work;

    @BeforeAll
    void setUpFromTheRealMirrorWithAChroot() throws Exception {
        ChrootSeed.ensure();
        var report = setup.setup(SetupRequest.all()
                .archives(List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security"))
                .sources(List.of("bookworm")).distributions(List.of("bookworm:amd64"))
                .repositories(List.of("test:Default:bookworm")).chroots(List.of("bookworm:amd64")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Chroot")).singleElement()
                .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(org.minibuildd.config.SetupReport.InstanceStatus.ACTIVE));
        work = Files.createTempDirectory(OWN_HOME, "work");
    }

    @Test
    void aDputUploadEndsInstalledAndAptGetInstallsIt() throws Exception {
        var name = "hello-spine";
        var version = "1.0-1~test12+1";
        HelloPackage.source(work, name, version, UNSTABLE, HelloPackage.Flavour.GOOD);
        TinyPackages.run(work.resolve(name + "-1.0"), List.of("dpkg-genchanges", "-S", "-sa",
                "-O../" + name + "_" + version + "_source.changes"));
        var dputConf = work.resolve("dput.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));

        // A developer with an account registers their key; the administrator lets the Uploader upload to test and
        // activates it, and makes test take signed uploads only.
        var user = "spine-uploader";
        var password = "spine uploader's password";
        users.create(user, password, "spine@example.org", Role.USER);
        try (var gpg = UploaderGpg.generate("Spine Uploader <spine@example.org>")) {
            var set = Uploaders.setUserKey(url(""), user, password, gpg.exportArmored());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            Uploaders.activate(edits, actions, user, List.of("test"));
            Uploaders.allowUnauthenticatedUploads(edits, actions, "test", false);
            try {
                gpg.debsign(work.resolve(name + "_" + version + "_source.changes"));
                dputSignedAndInstall(name, version, dputConf);
            } finally {
                Uploaders.allowUnauthenticatedUploads(edits, actions, "test", true);
            }
        }
    }

    private void dputSignedAndInstall(String name, String version, Path dputConf) throws Exception {
        assertThat(Files.readString(work.resolve(name + "_" + version + "_source.changes"))).startsWith("-----BEGIN PGP SIGNED MESSAGE-----");
        var start = Instant.now();
        var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes")
                .directory(work.toFile()).redirectErrorStream(true).start();
        var dputOutput = new String(dput.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dput.waitFor()).as(dputOutput).isZero();

        var last = awaitFinal(name, version, Duration.ofMinutes(10));
        var seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf("upload→INSTALLED of %s %s: %.1f s%n", name, version, seconds);
        assertThat(last.type()).as(last.toString()).isEqualTo(EventType.INSTALLED);
        assertThat(events.of(name, version)).extracting(Event::type)
                .containsExactly(EventType.PACKAGING, EventType.BUILDING, EventType.BUILT, EventType.INSTALLED);
        var built = events.of(name, version).get(2);
        assertThat(built.extra()).containsEntry("sbuild_status", "successful").containsKeys("sbuild_lintian", "buildlog", "buildlog_installed");
        assertThat(last.extra()).containsKey("buildresults");
        // The build log, as the events link it: in the builds dir (live while building) and the events dir (kept).
        var building = (String) events.of(name, version).get(1).extra().get("buildlog_building");
        var installed = (String) built.extra().get("buildlog_installed");
        for (var logUrl : List.of(building, installed)) {
            assertThat(logUrl).startsWith(instances.instance().url() + "/mini_buildd/");
            var logResponse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(logUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(logResponse.statusCode()).as(logUrl).isEqualTo(200);
            assertThat(logResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            assertThat(logResponse.body()).contains("Status: successful")
                    // Our repository, over loopback at the port the daemon listens on, whatever its host name.
                    .contains("apt update of the requesting packager's repository:", "http://127.0.0.1:" + HTTP_PORT + "/repositories/test ")
                    .doesNotContain("Could not resolve", "Failed to fetch http://127.0.0.1");
        }
        assertThat(packages.lsSource("test", name)).extracting(l -> l.distribution() + " " + l.version())
                .containsExactly(UNSTABLE + " " + version);
        packages.check("test");

        // A user's machine: everything the host has counts as installed (libc6 and so on); our repository is the
        // only source, signature checking on, key inline from our own sources_list call.
        var apt = AptRoot.create(Files.createDirectories(work.resolve("apt-root")), Files.readString(Path.of("/var/lib/dpkg/status")));
        var sources = http("/mini_buildd/api/sources_list/?repositories=test&suites=unstable&deb822=true&output=plain&mirror="
                + URLEncoder.encode(url("/repositories"), StandardCharsets.UTF_8));
        Files.writeString(apt.root().resolve("etc/apt/sources.list.d/mini-buildd-itest.sources"), sources);
        assertThat(apt.run("apt-get", "update")).contains(UNSTABLE + " InRelease").doesNotContain("NO_PUBKEY");
        apt.run("apt-get", "install", "-y", "--no-install-recommends", name);
        var program = new ProcessBuilder(apt.root().resolve("usr/bin/" + name).toString()).redirectErrorStream(true).start();
        assertThat(new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(name + " " + version);
    }

    @Test
    void aPackageThatDoesNotBuildEndsFailedWithTheReasonAndNothingInstalled() throws Exception {
        var name = "broken-spine";
        var version = "1.0-1~test12+1";
        HelloPackage.source(work, name, version, UNSTABLE, HelloPackage.Flavour.COMPILE_ERROR);
        TinyPackages.run(work.resolve(name + "-1.0"), List.of("dpkg-genchanges", "-S", "-sa",
                "-O../" + name + "_" + version + "_source.changes"));
        var dputConf = work.resolve("dput-broken.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));
        var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes")
                .directory(work.toFile()).redirectErrorStream(true).start();
        dput.getInputStream().readAllBytes();
        assertThat(dput.waitFor()).isZero();

        var last = awaitFinal(name, version, Duration.ofMinutes(10));
        assertThat(last.type()).as(last.toString()).isEqualTo(EventType.FAILED);
        assertThat(last.reason()).contains("amd64: build", "buildlog");
        var built = events.of(name, version).stream().filter(e -> e.type() == EventType.BUILT).findFirst().orElseThrow();
        assertThat(built.extra().get("sbuild_status")).isNotEqualTo("successful");
        // The log says why: the compiler's complaint is in it.
        assertThat(Files.readString(OWN_HOME.resolve("builds").resolve((String) built.extra().get("buildlog")))).contains("error");
        assertThat(packages.lsSource("test", name)).isEmpty();

        // retry (staff) runs it again under a new timecode: new events, and it fails again for the same reason.
        var key = (String) last.extra().get("key");
        var retried = staffCall("/mini_buildd/api/retry/?bkey=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&confirm=retry&output=json");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("\"retried\"", key);
        var deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (events.of(name, version).stream().filter(e -> e.type() == EventType.FAILED).count() < 2) {
            assertThat(Instant.now()).as("the retry did not end FAILED").isBefore(deadline);
            Thread.sleep(500);
        }
        var second = events.of(name, version).getLast();
        assertThat(second.extra().get("key")).isNotEqualTo(key);
        assertThat(second.reason()).contains("amd64: build");
        assertThat(staffCall("/mini_buildd/api/retry/?bkey=nothing/1.0/20260101:000000:000000&confirm=retry&output=json").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRunningBuildIsCancelledAndItsPackageFails() throws Exception {
        var name = "slow-spine";
        var version = "1.0-1~test12+1";
        HelloPackage.source(work, name, version, UNSTABLE, HelloPackage.Flavour.SLOW);
        TinyPackages.run(work.resolve(name + "-1.0"), List.of("dpkg-genchanges", "-S", "-sa",
                "-O../" + name + "_" + version + "_source.changes"));
        var dputConf = work.resolve("dput-slow.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));
        var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes")
                .directory(work.toFile()).redirectErrorStream(true).start();
        dput.getInputStream().readAllBytes();
        assertThat(dput.waitFor()).isZero();

        var deadline = Instant.now().plus(Duration.ofMinutes(5));
        String bkey = null;
        HttpResponse<String> cancelled = null;
        while (cancelled == null || cancelled.statusCode() != 200) {
            assertThat(Instant.now()).as("no cancellable build of " + name).isBefore(deadline);
            var building = events.of(name, version).stream().filter(e -> e.type() == EventType.BUILDING).findFirst();
            if (building.isPresent()) {
                bkey = (String) building.get().extra().get("bkey");
                cancelled = staffCall("/mini_buildd/api/cancel/?bkey=" + URLEncoder.encode(bkey, StandardCharsets.UTF_8)
                        + "&confirm=cancel&output=json");
            }
            Thread.sleep(500);
        }
        var last = awaitFinal(name, version, Duration.ofMinutes(5));
        assertThat(last.type()).as(last.toString()).isEqualTo(EventType.FAILED);
        assertThat(last.reason()).contains("amd64: build cancelled");
        // No sbuild of it is left running, and no schroot session.
        var sessions = new ProcessBuilder("schroot", "--list", "--all-sessions").redirectErrorStream(true).start();
        var sessionList = new String(sessions.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        sessions.waitFor();
        assertThat(ProcessHandle.allProcesses().flatMap(p -> p.info().commandLine().stream())
                .filter(c -> c.contains("sbuild") && c.contains(name)).toList()).isEmpty();
        assertThat(staffCall("/mini_buildd/api/cancel/?bkey=" + URLEncoder.encode(bkey, StandardCharsets.UTF_8)
                + "&confirm=cancel&output=json").statusCode()).as(sessionList).isEqualTo(404);
    }

    @Test
    void aPackageBuildsWithWhatOnlyOurRepositoryHasAndFailsSayingSoWhenItCannotFetchIt() throws Exception {
        // The binary package only our repository has, put there as the installer puts build results.
        var provider = "mbd-only-here";
        var providerDir = Files.createDirectories(work.resolve(provider));
        var dsc = TinyPackages.source(providerDir, provider, "1.0~test12+1", "", UNSTABLE);
        var deb = TinyPackages.binary(providerDir, provider, "1.0~test12+1");
        packages.install("test", "bookworm", "unstable", dsc,
                List.of(TinyPackages.binaryChanges(providerDir, provider, "1.0~test12+1", deb, UNSTABLE)));

        var name = "mbd-needs-ours";
        upload(name, "1.0-1~test12+1", provider);
        var installed = awaitFinal(name, "1.0-1~test12+1", Duration.ofMinutes(10));
        assertThat(installed.type()).as(installed.toString()).isEqualTo(EventType.INSTALLED);
        var built = events.of(name, "1.0-1~test12+1").stream().filter(e -> e.type() == EventType.BUILT).findFirst().orElseThrow();
        assertThat(OWN_HOME.resolve("builds").resolve((String) built.extra().get("buildlog"))).content()
                .contains("Unpacking " + provider + " (1.0~test12+1)");

        // Our repository cannot be fetched (its index is gone): the build fails, and says why, not the package. A new
        // upstream version: HelloPackage makes a new orig tarball, which the pool's 1.0 must not be replaced by.
        var dists = OWN_HOME.resolve("repositories/test/dists");
        var away = dists.resolveSibling("dists.away");
        Files.move(dists, away);
        try {
            upload(name, "1.1-1~test12+1", provider);
            var failed = awaitFinal(name, "1.1-1~test12+1", Duration.ofMinutes(10));
            assertThat(failed.type()).as(failed.toString()).isEqualTo(EventType.FAILED);
            assertThat(failed.reason()).contains("amd64: build ", ": apt could not fetch http://127.0.0.1:" + HTTP_PORT
                    + "/repositories/test " + UNSTABLE, "404");
            var log = events.of(name, "1.1-1~test12+1").stream().filter(e -> e.type() == EventType.BUILT).findFirst().orElseThrow()
                    .extra().get("buildlog");
            assertThat(OWN_HOME.resolve("builds").resolve((String) log)).content()
                    .contains("E: mini-buildd: apt could not fetch http://127.0.0.1:" + HTTP_PORT + "/repositories/test");
        } finally {
            Files.move(away, dists);
        }
    }

    @Test
    void aBrokenChrootDefersTheBuildUntilItWorksAgainAndThePackageInstalls() throws Exception {
        var chroot = new ObjectRef(ObjectType.CHROOT, "bookworm:amd64");
        var paths = chroots.paths("bookworm", "amd64");
        assertThat(paths.name()).startsWith("mini-buildd-t").as("test daemons never touch a real instance's chroots")
                .isNotEqualTo("mini-buildd-bookworm-amd64");
        // Someone (or something) removes the chroot's schroot config under the running daemon.
        Files.delete(paths.systemSchrootConf());
        var name = "mbd-deferred";
        var version = "1.0-1~test12+1";
        try {
            upload(name, version, "");
            var deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (events.of(name, version).stream().noneMatch(e -> e.type() == EventType.DEFERRED)) {
                assertThat(Instant.now()).as("no DEFERRED event: " + events.of(name, version)).isBefore(deadline);
                Thread.sleep(500);
            }
            var deferred = events.of(name, version).stream().filter(e -> e.type() == EventType.DEFERRED).findFirst().orElseThrow();
            assertThat(deferred.reason()).contains("create a schroot session", "Chroot not found", "bookworm:amd64", "is missing");
            assertThat(events.of(name, version)).extracting(Event::type).doesNotContain(EventType.FAILED, EventType.BUILT);
            // The builder is out of use for bookworm:amd64, and says why.
            assertThat(actions.state(chroot).isActive()).isFalse();
            assertThat(actions.lastMessage(chroot)).contains("check failed", "is missing");
            assertThat(http("/mini_buildd/api/status/?output=json")).doesNotContain("bookworm:amd64");
        } finally {
            // The administrator puts the chroot right again; its check puts it back into use.
            Files.copy(paths.schrootConfCopy(), paths.systemSchrootConf());
            actions.run(ConfigActions.Action.CHECK, chroot);
        }
        assertThat(actions.state(chroot).isActive()).isTrue();
        var last = awaitFinal(name, version, Duration.ofMinutes(10));
        assertThat(last.type()).as(last.toString()).isEqualTo(EventType.INSTALLED);
        assertThat(events.of(name, version)).extracting(Event::type).containsSubsequence(EventType.BUILDING, EventType.DEFERRED,
                EventType.BUILDING, EventType.BUILT, EventType.INSTALLED);
    }

    /** Uploads the tiny C package (with the Build-Depends given, if any) unsigned with dput, to unstable. */
    private void upload(String name, String version, String buildDepends) throws Exception {
        var dir = Files.createDirectories(work.resolve(name + "-" + version));
        HelloPackage.source(dir, name, version, UNSTABLE, HelloPackage.Flavour.GOOD, buildDepends);
        var upstream = version.substring(0, version.lastIndexOf('-'));
        TinyPackages.run(dir.resolve(name + "-" + upstream), List.of("dpkg-genchanges", "-S", "-sa",
                "-O../" + name + "_" + version + "_source.changes"));
        var dputConf = dir.resolve("dput.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));
        var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        var output = new String(dput.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dput.waitFor()).as(output).isZero();
    }

    private HttpResponse<String> staffCall(String path) throws Exception {
        var password = Files.readString(OWN_HOME.resolve("admin-password")).strip();
        var auth = java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic " + auth).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Event awaitFinal(String source, String version, Duration limit) throws InterruptedException {
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

    private String http(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
