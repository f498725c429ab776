package org.minibuildd.packager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minibuildd.builder.Sbuild;
import org.minibuildd.builder.SbuildJob;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.BuildChangesName;
import org.minibuildd.debian.BuildRequest;
import org.minibuildd.debian.UploadKey;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * bench/upload-to-installed (not part of the test suite: run by its script). In one daemon and one run: the
 * wall time from dput to INSTALLED of the tiny C package (lintian on), the raw sbuild time of the same package in
 * the same chroot with the same request, their difference (our overhead), and four uploads at once with two
 * build slots against four single ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "minibuildd.identity=itest", "minibuildd.hostname=localhost", "minibuildd.incoming.listen=true",
        "minibuildd.incoming.scan-interval=1s",
        // Its own @SpringBootTest replaces IsolatedDaemonIT's: the chroot is a copy of the seed, not a debootstrap.
        "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT})
class UploadToInstalledBench extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("bench-spine");
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
    @Autowired Sbuild sbuild;
    @Autowired Home home;

    @Test
    void measure() throws Exception {
        ChrootSeed.ensure();
        setup.setup(SetupRequest.all().archives(List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security"))
                .sources(List.of("bookworm")).distributions(List.of("bookworm:amd64"))
                .repositories(List.of("test:Default:bookworm")).chroots(List.of("bookworm:amd64")).build());
        var work = Files.createTempDirectory(OWN_HOME, "work");
        var dputConf = work.resolve("dput.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));

        report("warm-up upload→INSTALLED", uploadAndWait(work, dputConf, List.of("bench-warm")));
        var singles = new ArrayList<Double>();
        for (int i = 1; i <= 3; i++) {
            singles.add(uploadAndWait(work, dputConf, List.of("bench-single" + i)));
            report("upload→INSTALLED #" + i, singles.getLast());
        }
        var single = median(singles);

        var raw = new ArrayList<Double>();
        for (int i = 1; i <= 3; i++) {
            raw.add(rawSbuild("bench-single" + i));
            report("raw sbuild #" + i, raw.getLast());
        }
        var sbuildTime = median(raw);

        var four = uploadAndWait(work, dputConf, List.of("bench-four1", "bench-four2", "bench-four3", "bench-four4"));
        System.out.println();
        System.out.printf("RESULT upload→INSTALLED (median of 3, lintian on): %.1f s   (target <= 26 s; reference mini-buildd 2.2.8: 43.7 s)%n", single);
        System.out.printf("RESULT raw sbuild, same package, chroot and request (median of 3): %.1f s%n", sbuildTime);
        System.out.printf("RESULT overhead (difference): %.1f s   (target < 3 s)%n", single - sbuildTime);
        System.out.printf("RESULT 4 uploads at once, 2 build slots: %.1f s = %.2f x 4 single (%.1f s)%n", four, four / (4 * single), 4 * single);
    }

    private double uploadAndWait(Path work, Path dputConf, List<String> names) throws Exception {
        var version = "1.0-1~test12+1";
        for (var name : names) {
            HelloPackage.source(work, name, version, UNSTABLE, HelloPackage.Flavour.GOOD);
            TinyPackages.run(work.resolve(name + "-1.0"), List.of("dpkg-genchanges", "-S", "-sa", "-O../" + name + "_" + version + "_source.changes"));
        }
        var start = Instant.now();
        var processes = new ArrayList<Process>();
        for (var name : names) {
            processes.add(new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-itest", name + "_" + version + "_source.changes")
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve(name + ".dput").toFile()).start());
        }
        for (var process : processes) {
            assertThat(process.waitFor()).isZero();
        }
        var deadline = start.plus(Duration.ofMinutes(20));
        for (var name : names) {
            while (true) {
                var all = events.of(name, version);
                if (!all.isEmpty() && List.of(EventType.INSTALLED, EventType.FAILED, EventType.REJECTED).contains(all.getLast().type())) {
                    assertThat(all.getLast().type()).as(all.getLast().toString()).isEqualTo(EventType.INSTALLED);
                    break;
                }
                assertThat(Instant.now()).as("no final event for " + name).isBefore(deadline);
                Thread.sleep(100);
            }
        }
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    /** sbuild again, outside the daemon's queue, with the build request the daemon used for this package. */
    private double rawSbuild(String name) throws Exception {
        try (var dirs = Files.walk(home.builds().resolve(name))) {
            var dir = dirs.filter(p -> p.getFileName().toString().equals("amd64")).findFirst().orElseThrow();
            var copy = Files.createTempDirectory(OWN_HOME, "raw-" + name);
            try (var files = Files.list(dir)) {
                for (var file : files.filter(p -> p.getFileName().toString().matches(".*\\.(dsc|tar\\.[a-z]+)$|.*buildrequest.*\\.changes$")).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            var request = BuildRequest.parse(Files.readString(copy.resolve(
                    BuildChangesName.BUILD_REQUEST.changesName(new UploadKey(name, "1.0-1~test12+1", "bench"), "amd64"))));
            var config = dir.resolve(".config");
            var job = SbuildJob.of(copy.resolve(name + "_1.0-1~test12+1.dsc"), "bookworm", "amd64", UNSTABLE,
                            Files.readString(config.resolve("apt_sources.list")))
                    .withArchAll(true).withResolver(request.sbuild().buildDepResolver())
                    .withApt(Files.readString(config.resolve("apt_preferences")), Files.readString(config.resolve("apt_keys")))
                    .withLintian(request.checks().lintian(), request.checks().lintianExtraOptions());
            var start = Instant.now();
            var result = sbuild.build(job, copy.resolve("raw.buildlog"));
            var seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            assertThat(result.status()).isEqualTo("successful");
            return seconds;
        }
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String what, double seconds) {
        System.out.printf("%-40s %6.1f s%n", what, seconds);
    }

    private String http(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
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
