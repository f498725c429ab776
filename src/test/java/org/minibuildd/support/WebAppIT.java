package org.minibuildd.support;

import static org.assertj.core.api.Assertions.assertThat;

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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.users.UserService;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the web application's browser tests: one daemon shared by all of them (Spring caches the context, as for
 * {@link DaemonIT}) with FTP incoming, a real bookworm chroot and the repository {@code test} (Default layout), and
 * real data: {@link #ensureInstalled} uploads a tiny C package with Debian's dput, once per daemon, and waits until
 * sbuild built it and reprepro installed it. A fresh headless chromium per test; {@link #screenshot} saves pictures
 * under {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "minibuildd.identity=" + IsolatedDaemonIT.IDENTITY, "minibuildd.hostname=localhost",
        "minibuildd.incoming.listen=true", "minibuildd.incoming.scan-interval=1s",
        "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT})
public abstract class WebAppIT extends IsolatedDaemonIT {

    protected static final Path HOME = TestHome.create("webapp");
    protected static final String UNSTABLE = "bookworm-test-unstable";
    /** The package every browser test finds built and installed. */
    protected static final String SOURCE = "webapp-hello";
    protected static final String VERSION = "1.0-1~test12+1";
    private static final int FTP_PORT = freePort();
    private static final int HTTP_PORT = freePort();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static boolean setUp;

    @DynamicPropertySource
    static void sharedHomeAndPorts(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", HOME::toString);
        registry.add("minibuildd.ftp-port", () -> FTP_PORT);
        registry.add("minibuildd.http-port", () -> HTTP_PORT);
    }

    @Autowired protected SetupService setup;
    @Autowired protected Events events;
    @Autowired protected UserService users;

    protected ChromeDriver browser;

    @BeforeAll
    void repositoryChrootAndOneInstalledUpload() throws Exception {
        synchronized (WebAppIT.class) {
            if (setUp) {
                return;
            }
            ChrootSeed.ensure();
            org.minibuildd.api.TestCalls.ensureAccounts(users);
            var report = setup.setup(SetupRequest.all()
                    .archives(List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security"))
                    .sources(List.of("bookworm")).distributions(List.of("bookworm:amd64"))
                    .repositories(List.of("test:Default:bookworm")).chroots(List.of("bookworm:amd64")).build());
            assertThat(report.instances()).filteredOn(i -> i.type().equals("Chroot")).singleElement()
                    .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
            var installed = upload(SOURCE, VERSION, HelloPackage.Flavour.GOOD);
            assertThat(installed.type()).as(installed.toString()).isEqualTo(EventType.INSTALLED);
            setUp = true;
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Chromium.startWide();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Uploads the tiny C package {@code name} {@code version} to unstable with dput and waits for its last event. */
    protected Event upload(String name, String version, HelloPackage.Flavour flavour) throws Exception {
        var work = Files.createTempDirectory(HOME, "upload");
        HelloPackage.source(work, name, version, UNSTABLE, flavour);
        var changes = name + "_" + version + "_source.changes";
        TinyPackages.run(work.resolve(name + "-" + version.substring(0, version.lastIndexOf('-'))),
                List.of("dpkg-genchanges", "-S", "-sa", "-O../" + changes));
        startUpload(work, changes);
        return awaitFinal(name, version, Duration.ofMinutes(10));
    }

    /** Puts {@code changes} (in {@code work}) into our incoming with Debian's dput; returns when dput is done. */
    protected void startUpload(Path work, String changes) throws Exception {
        var dputConf = work.resolve("dput.cf");
        Files.writeString(dputConf, http("/mini_buildd/api/dput_conf/?output=plain"));
        var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-" + IDENTITY, changes)
                .directory(work.toFile()).redirectErrorStream(true).start();
        var output = new String(dput.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dput.waitFor()).as(output).isZero();
    }

    /** The last event of {@code source} {@code version} once it is INSTALLED, FAILED or REJECTED. */
    protected Event awaitFinal(String source, String version, Duration limit) throws InterruptedException {
        var deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            var all = events.of(source, version);
            if (!all.isEmpty() && List.of(EventType.INSTALLED, EventType.FAILED, EventType.REJECTED).contains(all.getLast().type())) {
                return all.getLast();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no final event for " + source + " " + version + " within " + limit + ": "
                + events.of(source, version));
    }

    protected String http(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    protected void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
