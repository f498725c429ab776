package org.minibuildd.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minibuildd.db.Tables.BUILD_JOB;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.UPLOAD;
import static org.minibuildd.db.Tables.UPLOAD_BUILD;

import java.io.IOException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.Status;
import org.minibuildd.config.UploaderService;
import org.minibuildd.config.internal.DistributionStore;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.config.SetupService;
import org.minibuildd.daemon.Home;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.RepositoryPackages;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.LocalArchive;
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
 * User uploads through the real FTP incoming (Debian's dput, configured by our dput_conf call) into the packager:
 * an upload that passes every check becomes PACKAGING with signed build requests in mini-buildd's wire format;
 * each kind of bad upload becomes a REJECTED event whose reason says what is wrong, with the files kept in
 * {@code rejected/}, and the daemon goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "minibuildd.identity=itest", "minibuildd.hostname=localhost", "minibuildd.incoming.listen=true",
        "minibuildd.incoming.scan-interval=1s", "minibuildd.incoming.missing-timeout=3s"})
class PackagerIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("packager");
    private static final Path REAL_IN_RELEASE = Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease");
    private static final int FTP_PORT = freePort();
    /** A defined port, so that the URLs the instance hands out (packager, builder, apt lines) are the real ones. */
    private static final int HTTP_PORT = freePort();
    private static final String UNSTABLE = "bookworm-test-unstable";
    private static final ObjectRef CHROOT_REF = new ObjectRef(ObjectType.CHROOT, "bookworm:amd64");

    @DynamicPropertySource
    static void ownHomeAndPort(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
        registry.add("minibuildd.ftp-port", () -> FTP_PORT);
        registry.add("minibuildd.http-port", () -> HTTP_PORT);
    }

    @Autowired SetupService setup;
    @Autowired Events events;
    @Autowired Home home;
    @Autowired InstanceKeyStore keys;
    @Autowired RepositoryPackages packages;
    @Autowired DSLContext db;
    @Autowired UserService users;
    @Autowired ConfigEditService edits;
    @Autowired ConfigActions actions;
    @Autowired UploaderService uploaders;
    @Autowired SourceStore sources;
    @Autowired DistributionStore distributions;

    private LocalArchive archive;
    private Path work;
    private Path dputConf;

    @BeforeAll
    void setUpRepository() throws Exception {
        archive = LocalArchive.start();
        archive.put("/debian/dists/bookworm/InRelease", Files.readAllBytes(REAL_IN_RELEASE));
        setup.setup(SetupRequest.all().archives(List.of(archive.url("/debian/")))
                .distributions(List.of("bookworm:amd64")).repositories(List.of("test:Default:bookworm")).build());
        // Packaging needs a builder with an active bookworm:amd64 chroot. These tests are about the packager's checks,
        // not chroots (ChrootIT and RemakeChrootsIT make real ones): the Chroot object is declared active without
        // a tree behind it, so the builds of accepted uploads cannot start, after the PACKAGING this test looks at.
        distributions.addChroot(sources.id(new SourceRef("Debian", "bookworm")).orElseThrow(), "amd64", "Dir");
        declareChrootActive();
        work = Files.createTempDirectory(OWN_HOME, "work");
        dputConf = work.resolve("dput.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));
    }

    /**
     * The accepted uploads' builds cannot start a session here (there is no tree behind the Chroot object), and a
     * builder that cannot start a session checks its chroot and takes it out of use. So each test starts once the
     * last build has left its slot, with no build waiting and the chroot declared active again.
     */
    @BeforeEach
    void chrootActiveAndNoBuildWaiting() throws Exception {
        var deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (db.fetchExists(BUILD_JOB, BUILD_JOB.STATE.eq("BUILDING")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        db.deleteFrom(BUILD_JOB).where(BUILD_JOB.STATE.eq("QUEUED")).execute();
        declareChrootActive();
    }

    @AfterAll
    void stopArchive() {
        archive.close();
    }

    @Test
    void anUploadPassingEveryCheckIsPackagedWithSignedBuildRequestsInTheWireFormat() throws Exception {
        var event = upload("accepted", "1.0~test12+1", UNSTABLE);
        assertThat(event.type()).as(event.toString()).isEqualTo(EventType.PACKAGING);
        assertThat(event.distribution()).isEqualTo(UNSTABLE);
        var json = event.toJson();
        assertThat(json.keySet()).containsExactly("type", "distribution", "source", "version", "timestamp", "extra");
        assertThat((String) json.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(event.extra()).containsKeys("timecode", "key", "bkey", "changes", "architecture", "maintainer", "changed_by", "buildrequests");
        @SuppressWarnings("unchecked")
        var request = (Map<String, Object>) ((Map<String, Object>) event.extra().get("buildrequests")).get("amd64");
        assertThat(request).containsEntry("architecture", "amd64").containsEntry("arch_all", "Yes")
                .containsEntry("lintian_mode", "ERRFAIL").containsEntry("upload_to", "ftp://localhost:" + FTP_PORT)
                .containsKeys("bkey", "changes", "buildlog", "buildlog_installed", "build_dep_resolver")
                // The only builder with the chroot is this instance: the request names it and goes to its incoming.
                .containsEntry("builder", "http://localhost:" + port)
                .containsEntry("buildlog_building", "http://localhost:" + port + "/mini_buildd/builds-dir/" + request.get("buildlog"));
        assertThat(db.select(UPLOAD_BUILD.BUILDER).from(UPLOAD_BUILD).join(UPLOAD).on(UPLOAD.ID.eq(UPLOAD_BUILD.UPLOAD_ID))
                .where(UPLOAD.SOURCE.eq("accepted")).fetch(UPLOAD_BUILD.BUILDER)).containsExactly("ftp://localhost:" + FTP_PORT);

        var changes = home.events().resolve((String) request.get("changes"));
        assertThat(changes.getFileName().toString()).isEqualTo("accepted_1.0~test12+1_mini-buildd-buildrequest_amd64.changes");
        // Debian's gpgv accepts the instance key's signature.
        var keyring = work.resolve("instance.gpg");
        Files.write(keyring, keys.get().exportBinary());
        var gpgv = run(work, "gpgv", "--keyring", keyring.toAbsolutePath().toString(), changes.toString());
        assertThat(gpgv.exit()).as(gpgv.output()).isZero();
        var text = Files.readString(changes);
        assertThat(text).contains("Distribution: " + UNSTABLE, "Source: accepted", "Version: 1.0~test12+1", "Architecture: amd64",
                "X-Mini-Buildd-Arch-All: Yes", "X-Mini-Buildd-Packager: http://localhost:" + port,
                " mini-buildd extra accepted_1.0~test12+1_mini-buildd-buildrequest_amd64.changes.tar");
        var tar = changes.resolveSibling(changes.getFileName() + ".tar");
        var listing = run(work, "tar", "-tf", tar.toString()).output();
        assertThat(listing.lines()).contains(".config/apt_sources.list", ".config/apt_preferences", ".config/apt_keys",
                "accepted_1.0~test12+1.dsc", "accepted_1.0~test12+1.tar.xz");
        var sources = run(work, "tar", "-xOf", tar.toString(), ".config/apt_sources.list").output();
        assertThat(sources).contains("deb [] http://localhost:" + port + "/repositories/test " + UNSTABLE + " main",
                "bookworm-test-testing", "bookworm-test-stable");
    }

    @Test
    void anArchitectureNoBuilderHasAnActiveChrootForIsRejectedWithTheMissingChroot() throws Exception {
        assertThat(status().get("chroots")).isEqualTo(List.of("bookworm:amd64"));
        actions.run(ConfigActions.Action.DEACTIVATE, CHROOT_REF);
        try {
            // Our own status no longer offers the chroot to anybody, and no upload is packaged for it.
            assertThat(status().get("chroots")).isEqualTo(List.of());
            var event = upload("nochroot", "1.0~test12+1", UNSTABLE);
            assertRejected(event, "no active builder has a chroot for bookworm:amd64", "this instance: no active chroots");
            // No build request was written for it, none is waiting to be sent.
            assertThat(db.fetchCount(UPLOAD_BUILD.join(UPLOAD).on(UPLOAD.ID.eq(UPLOAD_BUILD.UPLOAD_ID)), UPLOAD.SOURCE.eq("nochroot"))).isZero();
            var spool = home.events().resolve("nochroot");
            if (Files.exists(spool)) {
                try (var files = Files.walk(spool)) {
                    assertThat(files.map(Path::toString)).noneMatch(f -> f.contains("buildrequest"));
                }
            }
        } finally {
            declareChrootActive();
        }
        assertThat(upload("chrootback", "1.0~test12+1", UNSTABLE).type()).isEqualTo(EventType.PACKAGING);
    }

    private void declareChrootActive() {
        db.update(CHROOT).set(CHROOT.STATUS, (short) Status.ACTIVE.ordinal()).execute();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() throws Exception {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(http("/mini_buildd/api/status/?output=json"), Map.class);
    }

    @Test
    void aDistributionOfNoRepositoryIsRejected() throws Exception {
        assertRejected(upload("norepo", "1.0~test12+1", "bookworm-nope-unstable"), "no repository \"nope\"");
        assertRejected(upload("badname", "1.0~test12+1", "sid"), "distribution \"sid\" is not one of this instance's");
    }

    @Test
    void aSuiteTakingNoUploadsIsRejected() throws Exception {
        assertRejected(upload("tested", "1.0~test12+1", "bookworm-test-testing"), "suite \"testing\" takes no uploads");
        assertRejected(upload("rolled", "1.0~test12+1", UNSTABLE + "-rollback0"), "is a rollback");
    }

    @Test
    void aVersionOutsideTheLayoutsRuleIsRejected() throws Exception {
        assertRejected(upload("plain", "1.0", UNSTABLE), "version restriction of suite \"unstable\" failed", "~test12\\+[1-9]");
    }

    @Test
    void aVersionNotGreaterThanTheDistributionsIsRejected() throws Exception {
        var dsc = TinyPackages.source(work, "older", "2.0~test12+1", "", UNSTABLE);
        packages.includeSource("test", UNSTABLE, dsc);
        assertRejected(upload("older", "1.5~test12+1", UNSTABLE), UNSTABLE + " already has older 2.0~test12+1");
        assertRejected(upload("older", "2.0~test12+1", UNSTABLE, "again"), "older 2.0~test12+1 is already installed");
    }

    @Test
    void aVersionInstalledInAnyDistributionOfTheRepositoryIsRejected() throws Exception {
        var dsc = TinyPackages.source(Files.createTempDirectory(work, "twice"), "twice", "1.0~test12+1", "", UNSTABLE);
        packages.includeSource("test", "bookworm-test-testing", dsc);
        assertRejected(upload("twice", "1.0~test12+1", UNSTABLE, "other content"),
                "twice 1.0~test12+1 is already installed in repository \"test\" (bookworm-test-testing): upload a new version");
        packages.check("test");
    }

    /** The same files uploaded again ({@code dput -f}) are a new upload, checked again: never silently dropped. */
    @Test
    void theSameUploadSentAgainIsCheckedAgain() throws Exception {
        var dir = Files.createTempDirectory(work, "resent");
        TinyPackages.source(dir, "resent", "1.0", "", UNSTABLE);
        TinyPackages.sourceChanges(dir, "resent", "1.0");
        assertRejected(dput(dir, "resent", "1.0"), "version restriction");
        var result = run(dir, "dput", "-f", "-u", "-c", dputConf.toString(), "mini-buildd-itest", "resent_1.0_source.changes");
        assertThat(result.exit()).as(result.output()).isZero();
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (events.of("resent", "1.0").size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        var all = events.of("resent", "1.0");
        assertThat(all).hasSize(2);
        assertRejected(all.get(1), "version restriction");
        assertThat(all.get(1).extra().get("quarantine")).isNotEqualTo(all.get(0).extra().get("quarantine"));
    }

    /**
     * An orig tarball is shared by every Debian revision of an upstream version. One that the pool has with other
     * content would be refused by reprepro only at the install, after every build: it is rejected at once, with
     * both checksums. The pool's very file, uploaded again with -sa, passes.
     */
    @Test
    void anOrigTarballThePoolHasWithOtherContentIsRejectedWithBothChecksums() throws Exception {
        var first = Files.createTempDirectory(work, "orig1");
        packages.includeSource("test", UNSTABLE, TinyPackages.quiltSource(first, "origs", "1.0", "1~test12+1", "the first", UNSTABLE));
        var pooled = first.resolve("origs_1.0.orig.tar.gz");

        var other = Files.createTempDirectory(work, "orig2");
        TinyPackages.quiltSource(other, "origs", "1.0", "2~test12+1", "another upstream tarball", UNSTABLE);
        var event = dputWithOrig(other, "origs", "1.0-2~test12+1");
        assertRejected(event, "origs_1.0.orig.tar.gz in the upload is not the file of that name in the pool of repository \"test\"",
                "SHA256 " + sha256(other.resolve("origs_1.0.orig.tar.gz")) + " uploaded, " + sha256(pooled) + " in the pool");
        packages.check("test");

        var same = Files.createTempDirectory(work, "orig3");
        Files.copy(pooled, same.resolve(pooled.getFileName()));
        TinyPackages.quiltSource(same, "origs", "1.0", "3~test12+1", "the first", UNSTABLE);
        chrootActiveAndNoBuildWaiting();
        assertThat(dputWithOrig(same, "origs", "1.0-3~test12+1").type()).isEqualTo(EventType.PACKAGING);
    }

    /** A non-first Debian revision uploaded with its orig tarball ({@code dpkg-genchanges -sa}). */
    private Event dputWithOrig(Path dir, String name, String version) throws Exception {
        TinyPackages.run(dir.resolve(name + "-" + version), List.of("dpkg-genchanges", "-S", "-sa",
                "-O../" + name + "_" + version + "_source.changes"));
        return dput(dir, name, version);
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void unknownOrDuplicateUploadOptionsAreRejected() throws Exception {
        assertRejected(uploadWithChangelog("opted", "1.0~test12+1", "MINI_BUILDD_OPTION: no-such-option=1"), "upload options");
        assertRejected(uploadWithChangelog("twice", "1.0~test12+1",
                "MINI_BUILDD_OPTION: lintian-mode=IGNORE\n  * MINI_BUILDD_OPTION: lintian-mode=ERRFAIL"), "upload options");
    }

    @Test
    void withoutUnauthenticatedUploadsOnlyAnUploadersSignatureCounts() throws Exception {
        db.update(REPOSITORY).set(REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS, false).where(REPOSITORY.IDENTITY.eq("test")).execute();
        try {
            assertRejected(upload("unsigned", "1.0~test12+1", UNSTABLE), "the upload is not signed", "debsign");
            var stranger = new InstanceKeyStore(Files.createTempDirectory(work, "stranger"), "stranger", "example.org").get();
            TinyPackages.source(work, "strange", "1.0~test12+1", "", UNSTABLE);
            var changes = TinyPackages.sourceChanges(work, "strange", "1.0~test12+1");
            Files.writeString(changes, stranger.clearsign(Files.readString(changes)));
            assertRejected(dput("strange", "1.0~test12+1"), "not from an uploader of repository \"test\"");
        } finally {
            db.update(REPOSITORY).set(REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS, true).where(REPOSITORY.IDENTITY.eq("test")).execute();
        }
    }

    @Test
    void aKeySetWithSetUserKeyCountsOnlyOnceAnAdminHasActivatedItsUploaderForTheRepository() throws Exception {
        var user = "jo-uploader";
        var password = "jo's password";
        users.create(user, password, "jo@example.org", Role.USER);
        var base = url("");
        try (var gpg = UploaderGpg.generate("Jo Uploader <jo@example.org>")) {
            // Only a logged-in user, only with confirmation, only a real key.
            assertThat(Uploaders.setUserKey(base, null, null, gpg.exportArmored()).statusCode()).isEqualTo(401);
            var unconfirmed = Uploaders.get(url("/mini_buildd/api/set_user_key/?key=x&output=json"), user, password);
            assertThat(unconfirmed.statusCode()).isEqualTo(400);
            var garbage = Uploaders.setUserKey(base, user, password,
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm9uc2Vuc2U=\n-----END PGP PUBLIC KEY BLOCK-----\n");
            assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(400);
            assertThat(garbage.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(garbage.body()).contains("\"status\":400", "\"detail\":\"key: ");
            var keyId = Uploaders.setUserKey(base, user, password, gpg.keyId());
            assertThat(keyId.statusCode()).as(keyId.body()).isEqualTo(400);
            assertThat(keyId.body()).contains("key: ", "not an ASCII-armored public key");
            assertThat(uploaders.find(user)).isEmpty();

            var set = Uploaders.setUserKey(base, user, password, gpg.exportArmored());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).contains("\"user\":\"" + user + "\"", gpg.fingerprint(), "Jo Uploader <jo@example.org>",
                    "activated by an administrator");
            var uploader = uploaders.find(user).orElseThrow();
            assertThat(uploader.fingerprint()).isEqualTo(gpg.fingerprint());
            assertThat(uploader.state().isPrepared()).isTrue();
            assertThat(uploader.state().isActive()).isFalse();
            assertThat(uploader.state().check().isChecked()).isTrue();

            Uploaders.allowUnauthenticatedUploads(edits, actions, "test", false);
            try {
                // Prepared and even allowed to upload to test, but not activated: the key does not count.
                edits.editUploader(new org.minibuildd.config.UploaderSettings(user, List.of("test")));
                assertRejected(signedUpload(gpg, "notyet", "1.0~test12+1"),
                        "not from an uploader of repository \"test\"");
                var before = adminCall("/mini_buildd/api/uploaders/?repositories=test&output=json");
                assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
                assertThat(before.body()).contains("\"test\":{\"allow_unauthenticated_uploads\":false,\"uploaders\":[")
                        .doesNotContain(gpg.fingerprint());

                // The administrator activates it (PCA, the edit marked it changed): now it counts.
                Uploaders.activate(edits, actions, user, List.of("test"));
                assertThat(uploaders.find(user).orElseThrow().state().isActive()).isTrue();
                var after = adminCall("/mini_buildd/api/uploaders/?repositories=test&output=json");
                assertThat(after.body()).contains(gpg.fingerprint(), "\"key\":\"" + gpg.keyId() + "\"",
                        "\"uploader\":\"" + user + "\"", "\"user\":\"Jo Uploader <jo@example.org>\"", "\"status\":\"Active");
                assertThat(Uploaders.get(url("/mini_buildd/api/uploaders/?output=json"), user, password).statusCode()).isEqualTo(403);
                var accepted = signedUpload(gpg, "signed", "1.0~test12+1");
                assertThat(accepted.type()).as(accepted.toString()).isEqualTo(EventType.PACKAGING);

                // A new key (set_user_key again) takes the Uploader out of use until it is activated again.
                try (var other = UploaderGpg.generate("Jo Uploader <jo@example.org>")) {
                    assertThat(Uploaders.setUserKey(base, user, password, other.exportArmored()).statusCode()).isEqualTo(200);
                    var renewed = uploaders.find(user).orElseThrow();
                    assertThat(renewed.fingerprint()).isEqualTo(other.fingerprint());
                    assertThat(renewed.state().isActive()).isFalse();
                    assertThat(renewed.mayUploadTo()).containsExactly("test");
                    assertRejected(signedUpload(other, "renewed", "1.0~test12+1"), "not from an uploader of repository \"test\"");
                }
            } finally {
                Uploaders.allowUnauthenticatedUploads(edits, actions, "test", true);
            }
        }
    }

    private Event signedUpload(UploaderGpg gpg, String name, String version) throws Exception {
        var dir = Files.createTempDirectory(work, name);
        TinyPackages.source(dir, name, version, "", UNSTABLE);
        var changes = TinyPackages.sourceChanges(dir, name, version);
        gpg.debsign(changes);
        assertThat(Files.readString(dir.resolve(name + "_" + version + ".dsc"))).startsWith("-----BEGIN PGP SIGNED MESSAGE-----");
        return dput(dir, name, version);
    }

    private HttpResponse<String> adminCall(String path) throws Exception {
        return Uploaders.get(url(path), "admin", Files.readString(OWN_HOME.resolve("admin-password")).strip());
    }

    @Test
    void aBadChecksumOrAFileThatNeverComesIsRejectedWithTheReason() throws Exception {
        var bad = Files.createTempDirectory(work, "badsum");
        TinyPackages.source(bad, "badsum", "1.0~test12+1", "", UNSTABLE);
        TinyPackages.sourceChanges(bad, "badsum", "1.0~test12+1");
        Files.write(bad.resolve("badsum_1.0~test12+1.tar.xz"), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        // dput checks checksums itself before sending; curl sends what it is given.
        curl(bad, "badsum_1.0~test12+1.tar.xz", "badsum_1.0~test12+1.dsc", "badsum_1.0~test12+1_source.changes");
        assertRejected(await("badsum", "1.0~test12+1"), "badsum_1.0~test12+1.tar.xz");

        var missing = Files.createTempDirectory(work, "missing");
        TinyPackages.source(missing, "missing", "1.0~test12+1", "", UNSTABLE);
        TinyPackages.sourceChanges(missing, "missing", "1.0~test12+1");
        curl(missing, "missing_1.0~test12+1.dsc", "missing_1.0~test12+1_source.changes");
        var event = await("missing", "1.0~test12+1");
        assertThat(event.type()).isEqualTo(EventType.REJECTED);
        assertThat(event.reason()).contains("missing", "missing_1.0~test12+1.tar.xz");
    }

    private void curl(Path dir, String... names) throws Exception {
        var result = run(dir, "curl", "-sS", "-T", "{" + String.join(",", names) + "}", "ftp://localhost:" + FTP_PORT + "/incoming/");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    private Event await(String name, String version) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var all = events.of(name, version);
            if (!all.isEmpty()) {
                return all.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no event for " + name + " " + version + " within 60 s");
    }

    @Test
    void theDashboardShowsARejectionWithItsReason() throws Exception {
        var event = upload("shown", "1.0", UNSTABLE);
        assertRejected(event, "version restriction");
        var browser = org.minibuildd.support.Chromium.start();
        try {
            browser.get(url("/"));
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
            var line = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.id("event-" + event.id())));
            assertThat(line.getText()).contains("REJECTED", "shown 1.0", "version restriction of suite \"unstable\" failed");
            assertThat(browser.findElements(org.openqa.selenium.By.id("empty-events"))).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private void assertRejected(Event event, String... reasons) throws IOException {
        assertThat(event.type()).as(event.toString()).isEqualTo(EventType.REJECTED);
        assertThat(event.reason()).contains(reasons);
        assertThat(event.extra()).containsKeys("timecode", "key", "changes", "error", "quarantine");
        // Nothing is lost: the upload's files wait in rejected/ for inspection.
        var quarantine = Path.of((String) event.extra().get("quarantine"));
        assertThat(quarantine).startsWith(home.rejected());
        try (var files = Files.list(quarantine)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(event.source() + "_" + event.version() + ".dsc",
                    event.source() + "_" + event.version() + "_source.changes");
        }
    }

    private Event upload(String name, String version, String distribution) throws Exception {
        return upload(name, version, distribution, "");
    }

    private Event upload(String name, String version, String distribution, String extra) throws Exception {
        var dir = Files.createTempDirectory(work, name);
        TinyPackages.source(dir, name, version, extra, distribution);
        TinyPackages.sourceChanges(dir, name, version);
        return dput(dir, name, version);
    }

    private Event uploadWithChangelog(String name, String version, String changelogLine) throws Exception {
        var dir = Files.createTempDirectory(work, name);
        TinyPackages.source(dir, name, version, "", UNSTABLE);
        var changelog = dir.resolve(name + "-" + version + "/debian/changelog");
        Files.writeString(changelog, Files.readString(changelog).replace("  * Test.", "  * Test.\n  * " + changelogLine));
        TinyPackages.run(dir, List.of("dpkg-source", "-b", name + "-" + version));
        TinyPackages.sourceChanges(dir, name, version);
        return dput(dir, name, version);
    }

    private Event dput(String name, String version) throws Exception {
        return dput(work, name, version);
    }

    /** Uploads with Debian's dput and waits for the upload's first final packager event. */
    private Event dput(Path dir, String name, String version) throws Exception {
        var before = events.of(name, version).size();
        var result = run(dir, "dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes");
        assertThat(result.exit()).as(result.output()).isZero();
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var all = events.of(name, version);
            if (all.size() > before) {
                return all.get(before);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no event for " + name + " " + version + " within 60 s");
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

    record Result(int exit, String output) { }

    private static Result run(Path dir, String... command) throws Exception {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
