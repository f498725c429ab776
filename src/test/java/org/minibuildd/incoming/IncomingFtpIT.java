package org.minibuildd.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minibuildd.daemon.Home;
import org.minibuildd.incoming.internal.IncomingLifecycle;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.RawFtp;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * FTP incoming in a whole daemon, with real clients: Debian's {@code dput} configured by our own
 * {@code dput_conf} call, dput-ng (unpacked from Debian's packages), {@code curl} and a raw FTP control
 * connection for what clients will not send. A receiver like the packager's records what incoming hands over.
 * Limits are small and timeouts short, so the refusals and timeouts happen within the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "minibuildd.identity=itest", "minibuildd.hostname=localhost", "minibuildd.incoming.listen=true",
        "spring.main.allow-bean-definition-overriding=true",
        "minibuildd.incoming.max-file-size=1MB", "minibuildd.incoming.max-upload-size=3MB",
        "minibuildd.incoming.missing-timeout=3s", "minibuildd.incoming.stray-timeout=10m",
        "minibuildd.incoming.scan-interval=1s"})
class IncomingFtpIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("incoming");
    private static final int FTP_PORT = freePort();
    private static final String DIST = "bookworm-test-unstable";
    private static Path packages;

    @DynamicPropertySource
    static void ownHomeAndPort(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
        registry.add("minibuildd.ftp-port", () -> FTP_PORT);
    }

    @Autowired Home home;
    @Autowired Recorder receiver;
    @Autowired IncomingLifecycle lifecycle;

    @BeforeAll
    static void buildPackages() throws Exception {
        packages = Files.createTempDirectory(OWN_HOME, "packages-");
        for (var name : List.of("via-dput", "via-dput-ng", "split", "badsum", "missing", "restart")) {
            TinyPackages.source(packages, name, "1.0", "", DIST);
            TinyPackages.sourceChanges(packages, name, "1.0");
        }
    }

    // --- real clients -------------------------------------------------------------------------------------

    @Test
    void dputWithOurDputConfUploadsASourcePackage() throws Exception {
        var conf = packages.resolve("dput.cf");
        var dputConf = http("/mini_buildd/api/dput_conf/?output=plain");
        assertThat(dputConf).contains("[mini-buildd-itest]", "fqdn     = localhost:" + FTP_PORT, "login    = anonymous");
        Files.writeString(conf, dputConf);

        var dput = run(packages, "dput", "-u", "-c", conf.toString(), "mini-buildd-itest", "via-dput_1.0_source.changes");
        assertThat(dput.exit).as(dput.output).isZero();
        assertThat(dput.output).contains("Uploading via-dput_1.0.dsc", "Uploading via-dput_1.0_source.changes");

        var upload = awaitReceived("via-dput_1.0_source.changes");
        assertThat(upload.kind()).isEqualTo(UploadKind.USER_UPLOAD);
        assertThat(upload.changes().distribution()).isEqualTo(DIST);
        assertHandedOverIntact(upload, "via-dput_1.0.dsc", "via-dput_1.0.tar.xz", "via-dput_1.0_source.changes");
    }

    @Test
    void dputNgWithOurProfileUploadsASourcePackage() throws Exception {
        var dputNg = DputNg.unpacked();
        var profile = http("/mini_buildd/api/dput_conf/?dput_ng_profile=true&output=json");
        var user = Files.createTempDirectory(OWN_HOME, "dput-ng-home-");
        Files.createDirectories(user.resolve(".dput.d/profiles"));
        Files.writeString(user.resolve(".dput.d/profiles/mini-buildd-itest.json"), profile);

        var result = dputNg.upload(user, packages, "mini-buildd-itest", "via-dput-ng_1.0_source.changes");
        assertThat(result.exit).as(result.output).isZero();

        var upload = awaitReceived("via-dput-ng_1.0_source.changes");
        assertHandedOverIntact(upload, "via-dput-ng_1.0.dsc", "via-dput-ng_1.0.tar.xz", "via-dput-ng_1.0_source.changes");
    }

    @Test
    void filesOfOneUploadInTwoSessionsInReverseOrderAreStillOneCompleteUpload() throws Exception {
        var first = curlUpload("split_1.0_source.changes");
        assertThat(first.exit).as(first.output).isZero();
        Thread.sleep(1500);
        assertThat(receiver.received).noneMatch(u -> u.changesName().equals("split_1.0_source.changes"));
        assertThat(spool()).contains("split_1.0_source.changes");

        var second = curlUpload("split_1.0.tar.xz", "split_1.0.dsc");
        assertThat(second.exit).as(second.output).isZero();
        var upload = awaitReceived("split_1.0_source.changes");
        assertHandedOverIntact(upload, "split_1.0.dsc", "split_1.0.tar.xz", "split_1.0_source.changes");
    }

    @Test
    void listingsShowNothingAndDownloadsAreRefused() throws Exception {
        var stored = curlUploadAs(write("listed.txt", "not for others\n"), "listed_1.0.dsc");
        assertThat(stored.exit).as(stored.output).isZero();

        var list = run(packages, "curl", "-sS", "ftp://localhost:" + FTP_PORT + "/incoming/");
        assertThat(list.exit).as(list.output).isZero();
        assertThat(list.output).isEmpty();
        var nlst = run(packages, "curl", "-sS", "--list-only", "ftp://localhost:" + FTP_PORT + "/incoming/");
        assertThat(nlst.output).isEmpty();

        var download = run(packages, "curl", "-sS", "-v", "-o", packages.resolve("fetched").toString(),
                "ftp://localhost:" + FTP_PORT + "/incoming/listed_1.0.dsc");
        assertThat(download.exit).as(download.output).isEqualTo(78);
        assertThat(download.output).contains("< 550");
        assertThat(packages.resolve("fetched")).doesNotExist();

        try (var ftp = RawFtp.login(FTP_PORT)) {
            assertThat(ftp.send("RETR listed_1.0.dsc")).startsWith("550 Downloads are not offered");
            assertThat(ftp.send("CWD /incoming")).startsWith("250");
            assertThat(ftp.send("DELE listed_1.0.dsc")).startsWith("550 DELE is not allowed");
            assertThat(ftp.send("RNFR listed_1.0.dsc")).startsWith("550 RNFR is not allowed");
            assertThat(ftp.send("MKD sub")).startsWith("550 MKD is not allowed");
            assertThat(ftp.send("APPE listed_1.0.dsc")).startsWith("550 APPE is not allowed");
            assertThat(ftp.send("CWD /etc")).startsWith("550");
        }
        assertThat(home.incoming().resolve("listed_1.0.dsc")).hasContent("not for others");
    }

    @Test
    void aCompleteFileIsNotOverwritten() throws Exception {
        assertThat(curlUploadAs(write("first.txt", "first\n"), "keep_1.0.dsc").exit).isZero();
        var again = curlUploadAs(write("second.txt", "second\n"), "keep_1.0.dsc");
        assertThat(again.exit).isNotZero();
        assertThat(again.output).contains("553", "keep_1.0.dsc is already in incoming and complete; it is not overwritten");
        assertThat(home.incoming().resolve("keep_1.0.dsc")).hasContent("first");
    }

    @Test
    void hostileNamesAreRefusedAtStorWith553AndTheReason() throws Exception {
        var curl = curlUploadAs(write("hidden.txt", "x\n"), ".hidden");
        assertThat(curl.exit).isNotZero();
        assertThat(curl.output).contains("553 Refused file name \".hidden\": must not start with '.'.");

        try (var ftp = RawFtp.login(FTP_PORT)) {
            assertThat(ftp.send("CWD incoming")).startsWith("250");
            assertThat(ftp.send("STOR ../x")).isEqualTo("553 Refused file name \"../x\": must not start with '.'.");
            assertThat(ftp.send("STOR a/b")).startsWith("553 Refused file name \"a/b\": invalid character '/'");
            assertThat(ftp.send("STOR a\u0001b")).startsWith("553 Refused file name \"a\\x01b\": invalid character U+0001");
            assertThat(ftp.send("STOR /etc/cron.d/x")).isEqualTo("553 Refused \"/etc/cron.d/x\": uploads go into /incoming.");
            assertThat(ftp.send("STOR ..")).startsWith("553");
            // The session is still usable after the refusals.
            assertThat(ftp.send("NOOP")).startsWith("200");
        }
        assertThat(spool()).noneMatch(n -> n.contains("hidden") || n.equals("x") || n.contains("b"));
        assertThat(OWN_HOME.resolve("x")).doesNotExist();
    }

    @Test
    void oversizedFilesAndUploadsAreRefusedAndNothingIsLeft() throws Exception {
        var random = new Random(1);
        var big = packages.resolve("big.bin");
        var bytes = new byte[(1 << 20) + 1];
        random.nextBytes(bytes);
        Files.write(big, bytes);
        var tooBig = curlUploadAs(big, "big_1.0.orig.tar.gz");
        assertThat(tooBig.exit).isNotZero();
        assertThat(tooBig.output).contains("552 Refused big_1.0.orig.tar.gz: the file is larger than 1 MiB "
                + "(minibuildd.incoming.max-file-size); nothing was stored.");

        // Four files just under the file cap make more than the 3 MiB one session may store.
        var parts = new ArrayList<String>();
        for (int i = 1; i <= 4; i++) {
            var part = new byte[900 << 10];
            random.nextBytes(part);
            Files.write(packages.resolve("part" + i + "_1.0.bin"), part);
            parts.add("part" + i + "_1.0.bin");
        }
        var session = curlUpload(parts.toArray(String[]::new));
        assertThat(session.exit).isNotZero();
        assertThat(session.output).contains("552 Refused part4_1.0.bin: the upload is larger than 3 MiB");

        assertThat(spool()).doesNotContain("big_1.0.orig.tar.gz", "part4_1.0.bin").contains("part1_1.0.bin", "part3_1.0.bin");
        await(() -> partials().isEmpty(), "the temp files of refused transfers are removed");
    }

    @Test
    void aBadChecksumEndsInRejectedWithTheReasonAndTheFiles() throws Exception {
        var corrupt = packages.resolve("corrupt");
        Files.createDirectories(corrupt);
        var tarball = Files.readAllBytes(packages.resolve("badsum_1.0.tar.xz"));
        tarball[10] ^= 0x20;
        Files.write(corrupt.resolve("badsum_1.0.tar.xz"), tarball);
        assertThat(curlUploadAs(corrupt.resolve("badsum_1.0.tar.xz"), "badsum_1.0.tar.xz").exit).isZero();
        assertThat(curlUpload("badsum_1.0.dsc", "badsum_1.0_source.changes").exit).isZero();

        var rejected = awaitRejected("badsum_1.0_source.changes");
        var expected = TinyPackages.run(packages, List.of("sha256sum", "badsum_1.0.tar.xz")).split(" ")[0];
        var got = TinyPackages.run(corrupt, List.of("sha256sum", "badsum_1.0.tar.xz")).split(" ")[0];
        assertThat(rejected.reason()).isEqualTo("bad checksum for badsum_1.0.tar.xz: sha256 expected " + expected + " got " + got);
        assertThat(rejected.quarantine().getParent()).isEqualTo(home.rejected());
        assertThat(rejected.quarantine().resolve("badsum_1.0_source.changes")).hasSameBinaryContentAs(packages.resolve("badsum_1.0_source.changes"));
        assertThat(rejected.quarantine().resolve("badsum_1.0.tar.xz")).hasSameBinaryContentAs(corrupt.resolve("badsum_1.0.tar.xz"));
        assertThat(spool()).noneMatch(n -> n.startsWith("badsum"));
        assertThat(receiver.received).noneMatch(u -> u.changesName().startsWith("badsum"));
    }

    @Test
    void aFileStillMissingAfterTheTimeoutEndsInRejected() throws Exception {
        assertThat(curlUpload("missing_1.0.dsc", "missing_1.0_source.changes").exit).isZero();
        var rejected = awaitRejected("missing_1.0_source.changes");
        assertThat(rejected.reason()).isEqualTo("missing file missing_1.0.tar.xz after 3 s");
        assertThat(rejected.files()).containsExactly("missing_1.0.dsc", "missing_1.0_source.changes");
        assertThat(rejected.quarantine().resolve("missing_1.0.dsc")).exists();
    }

    @Test
    void aCompleteUploadLeftInTheSpoolIsPickedUpWhenIncomingStartsAgain() throws Exception {
        lifecycle.stop();
        try {
            assertThat(ftpPortAccepts()).isFalse();
            // What a kill -9 right after the last transfer leaves: complete files, nobody told.
            for (var name : List.of("restart_1.0_source.changes", "restart_1.0.dsc", "restart_1.0.tar.xz")) {
                Files.copy(packages.resolve(name), home.incoming().resolve(name));
            }
            Thread.sleep(1500);
            assertThat(receiver.received).noneMatch(u -> u.changesName().startsWith("restart"));
        } finally {
            lifecycle.start();
        }
        assertThat(ftpPortAccepts()).isTrue();
        var upload = awaitReceived("restart_1.0_source.changes");
        assertHandedOverIntact(upload, "restart_1.0.dsc", "restart_1.0.tar.xz", "restart_1.0_source.changes");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private void assertHandedOverIntact(CompleteUpload upload, String... names) throws IOException {
        var taken = receiver.taken.resolve(upload.changesName());
        for (var name : names) {
            assertThat(taken.resolve(name)).hasSameBinaryContentAs(packages.resolve(name));
        }
        assertThat(upload.allFiles()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(names);
        await(() -> Set.copyOf(spool()).stream().noneMatch(List.of(names)::contains), "the spool is emptied");
    }

    private CompleteUpload awaitReceived(String changes) {
        await(() -> receiver.received.stream().anyMatch(u -> u.changesName().equals(changes)), changes + " is handed over");
        return receiver.received.stream().filter(u -> u.changesName().equals(changes)).findFirst().orElseThrow();
    }

    private RejectedUpload awaitRejected(String name) {
        await(() -> receiver.rejected.stream().anyMatch(r -> r.name().equals(name)), name + " is rejected");
        return receiver.rejected.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) {
        var deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private List<String> spool() {
        try (Stream<Path> files = Files.list(home.incoming())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Path> partials() {
        try (Stream<Path> files = Files.walk(home.incoming().resolve(".partial"))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(packages.resolve(name), content);
    }

    /** One curl session storing {@code names} (from the packages dir) under their own names. */
    private static Result curlUpload(String... names) throws Exception {
        return run(packages, "curl", "-sS", "-v", "-T", "{" + String.join(",", names) + "}", "ftp://localhost:" + FTP_PORT + "/incoming/");
    }

    private static Result curlUploadAs(Path file, String name) throws Exception {
        return run(packages, "curl", "-sS", "-v", "-T", file.toString(), "ftp://localhost:" + FTP_PORT + "/incoming/" + name);
    }

    private String http(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static boolean ftpPortAccepts() {
        try (var socket = new Socket("localhost", FTP_PORT)) {
            return true;
        } catch (ConnectException e) {
            return false;
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

    record Result(int exit, String output) {
    }

    static Result run(Path dir, String... command) throws Exception {
        return run(dir, null, command);
    }

    static Result run(Path dir, java.util.Map<String, String> env, String... command) throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (env != null) {
            builder.environment().putAll(env);
        }
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /**
     * dput-ng from Debian's own packages, unpacked (it conflicts with the installed dput): fetched once per machine
     * with {@code apt-get download} and kept under /tmp/mini-buildd-tests.
     */
    record DputNg(Path root) {

        static DputNg unpacked() throws Exception {
            var cache = Path.of("/tmp/mini-buildd-tests/dput-ng");
            var root = cache.resolve("root");
            if (!Files.isRegularFile(root.resolve("usr/bin/dput"))) {
                Files.createDirectories(cache);
                var fetch = run(cache, "apt-get", "download", "dput-ng", "python3-dput");
                assertThat(fetch.exit).as(fetch.output).isZero();
                try (Stream<Path> debs = Files.list(cache)) {
                    for (var deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                        var unpack = run(cache, "dpkg-deb", "-x", deb.toString(), root.toString());
                        assertThat(unpack.exit).as(unpack.output).isZero();
                    }
                }
            }
            return new DputNg(root);
        }

        /** {@code dput -u <host> <changes>} with {@code user} as HOME (for ~/.dput.d) in {@code dir}. */
        Result upload(Path user, Path dir, String host, String changes) throws Exception {
            // dput-ng reads its defaults from /usr/share/dput-ng and /etc/dput.d, and from skel/ below the working
            // directory: the unpacked ones go there.
            var skel = dir.resolve("skel");
            if (!Files.exists(skel)) {
                Files.createDirectories(skel);
                for (var defaults : List.of("usr/share/dput-ng", "etc/dput.d")) {
                    var copy = run(dir, "cp", "-r", root.resolve(defaults) + "/.", skel.toString());
                    assertThat(copy.exit).as(copy.output).isZero();
                }
            }
            return run(dir, java.util.Map.of("HOME", user.toString(),
                            "PYTHONPATH", root.resolve("usr/lib/python3/dist-packages").toString()),
                    "/usr/bin/python3", root.resolve("usr/bin/dput").toString(), "-u", host, changes);
        }
    }

    /** Takes user uploads in the packager's place: copies the files, records what it got. */
    static final class Recorder implements IncomingReceiver {

        final Path taken;
        final ConcurrentLinkedQueue<CompleteUpload> received = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<RejectedUpload> rejected = new ConcurrentLinkedQueue<>();

        Recorder(Path taken) {
            this.taken = taken;
        }

        @Override
        public Set<UploadKind> kinds() {
            return Set.of(UploadKind.USER_UPLOAD);
        }

        @Override
        public void receive(CompleteUpload upload) throws Exception {
            upload.linkTo(taken.resolve(upload.changesName()));
            received.add(upload);
        }

        @Override
        public void rejected(RejectedUpload upload) {
            rejected.add(upload);
        }
    }

    /** Named as the packager's receiver, so it stands in for it (the context allows this one override). */
    @TestConfiguration
    static class Receivers {
        @Bean("userUploads")
        Recorder recorder() {
            return new Recorder(OWN_HOME.resolve("taken"));
        }
    }
}
