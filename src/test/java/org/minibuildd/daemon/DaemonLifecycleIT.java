package org.minibuildd.daemon;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.support.TestHome;

/**
 * The packaged daemon as an operator runs it: start, SIGTERM, start again, kill -9, start again. Each start must
 * serve status from the same home and the same database.
 */
class DaemonLifecycleIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path home = TestHome.create("lifecycle");
    private final int port = freePort();
    private Process daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            daemon.waitFor(60, TimeUnit.SECONDS);
        }
        var pid = postmasterPid();
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void sigtermStopsDaemonAndClusterAndTheNextStartReusesBoth() throws Exception {
        start();
        assertThat(identity()).isEqualTo("lifecycle");
        long cluster = postmasterPid();
        assertThat(cluster).isPositive();

        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).as("clean exit on SIGTERM").isIn(0, 143);
        // pg_ctl returns once the pid file is gone; the postmaster exits a moment later.
        var postmaster = ProcessHandle.of(cluster);
        if (postmaster.isPresent()) {
            postmaster.get().onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(cluster).map(ProcessHandle::isAlive).orElse(false)).as("cluster stopped").isFalse();
        assertThat(home.resolve("db/postmaster.pid")).doesNotExist();

        start();
        assertThat(identity()).isEqualTo("lifecycle");
        assertThat(Files.readString(log())).containsOnlyOnce("initialising the private PostgreSQL cluster");
    }

    @Test
    void killMinus9OfTheDaemonBlocksNothing() throws Exception {
        start();
        long cluster = postmasterPid();
        daemon.destroyForcibly(); // kill -9: the cluster lives on
        daemon.waitFor(30, TimeUnit.SECONDS);

        start();
        assertThat(identity()).isEqualTo("lifecycle");
        assertThat(postmasterPid()).as("the orphaned cluster is adopted").isEqualTo(cluster);

        // Now kill -9 everything, daemon and cluster, as a power cut would: stale pid files stay behind.
        daemon.destroyForcibly();
        daemon.waitFor(30, TimeUnit.SECONDS);
        var postmaster = ProcessHandle.of(cluster).orElseThrow();
        var family = new ArrayList<>(postmaster.descendants().toList());
        family.add(postmaster);
        family.forEach(ProcessHandle::destroyForcibly);
        for (var member : family) {
            member.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(home.resolve("db/postmaster.pid")).exists();

        start();
        assertThat(identity()).isEqualTo("lifecycle");
        assertThat(postmasterPid()).isNotEqualTo(cluster);
    }

    private void start() throws Exception {
        var jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("mini-buildd-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn verify"));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "@" + Path.of("bin/jvm.options").toAbsolutePath(), "-jar", jar.toString(),
                "--minibuildd.home=" + home, "--minibuildd.http-port=" + port, "--minibuildd.identity=lifecycle");
        daemon = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(daemon.isAlive()).as("daemon died during start, see %s", log()).isTrue();
            try {
                if (status().statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not serving yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("daemon did not serve status within 120 s, see " + log());
    }

    private Path log() {
        return home.resolve("daemon.out");
    }

    private HttpResponse<String> status() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mini_buildd/api/status/?output=json"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String identity() throws Exception {
        var body = status().body();
        return body.replaceAll(".*\"identity\":\"([^\"]*)\".*", "$1");
    }

    private long postmasterPid() throws IOException {
        var pidFile = home.resolve("db/postmaster.pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()) : -1;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
