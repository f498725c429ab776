package org.minibuildd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.support.TestHome;

/**
 * The README's first command, exactly as a new user runs it, on a fresh copy of this tree without {@code target/}
 * (what a clone has), with a fresh home and other ports: {@code bin/mini-buildd run} builds, sets up, starts the
 * daemon and its private PostgreSQL cluster, prints where it serves; SIGTERM stops both. The jar is installed in a
 * directory of the test's own ({@code MINIBUILDD_INSTALL_DIR}), so a real instance on this machine is untouched.
 */
class FirstCommandIT {

    private final Path work = TestHome.create("first-command");
    private Process launcher;

    @AfterEach
    void cleanUp() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroyForcibly();
        }
        // The launcher gave this home a sudoers file of its own; nothing else of the machine was changed.
        var chroots = work.resolve("home/chroots").toString();
        var hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(chroots.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        Files.deleteIfExists(Path.of("/etc/sudoers.d/mini-buildd-home-" + hash));
        new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString()).inheritIO().start().waitFor();
    }

    @Test
    void theReadmesFirstCommandRunsFromACleanCloneAndStopsOnSigterm() throws Exception {
        var clone = cleanClone(work.resolve("clone"));
        assertThat(clone.resolve("target")).doesNotExist();
        int httpPort = freePort();
        int ftpPort = freePort();
        var output = work.resolve("run.out");
        var builder = new ProcessBuilder("bin/mini-buildd", "run", "--home", work.resolve("home").toString(), "--",
                "--minibuildd.http-port=" + httpPort, "--minibuildd.ftp-port=" + ftpPort)
                .directory(clone.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("MINIBUILDD_INSTALL_DIR", work.resolve("install").toString());
        long started = System.nanoTime();
        launcher = builder.start();

        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var status = URI.create("http://localhost:" + httpPort + "/mini_buildd/api/status/?output=json");
        String answer = null;
        var deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (answer == null && System.nanoTime() < deadline) {
            assertThat(launcher.isAlive()).as("the first command stopped early:\n%s", tail(output)).isTrue();
            try {
                var response = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                answer = response.statusCode() == 200 ? response.body() : null;
            } catch (java.io.IOException e) {
                // not serving yet
            }
            if (answer == null) {
                Thread.sleep(500);
            }
        }
        assertThat(answer).as("status did not answer within 10 minutes:\n%s", tail(output)).isNotNull().contains("\"identity\"");
        System.out.printf("FirstCommandIT: clean clone to a serving status in %.1f s%n", (System.nanoTime() - started) / 1e9);

        // The banner names the ports actually served and how to log in.
        awaitLine(output, "Web UI and API:");
        var printed = Files.readString(output);
        assertThat(printed).contains("Password:", ":" + httpPort + "/", "ftp://", ":" + ftpPort + "/")
                .doesNotContain(":8066/", "No such file or directory");
        assertThat(clone.resolve("target")).isDirectory();

        // SIGTERM (the launcher execs the JVM in place): the daemon stops, and its cluster with it.
        launcher.destroy();
        assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).as("the daemon did not stop on SIGTERM:\n%s", tail(output)).isTrue();
        assertThat(work.resolve("home/db/postmaster.pid")).as("the private cluster still runs").doesNotExist();
    }

    /** The files a clone has: tracked and new ones, none that git ignores (so no target/). */
    private static Path cleanClone(Path to) throws Exception {
        var top = Path.of("").toAbsolutePath();
        var list = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(top.toFile()).start();
        var names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        for (var name : List.of(names.split("\0"))) {
            var from = top.resolve(name);
            if (name.isEmpty() || !Files.exists(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            var target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(from, target, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
        return to;
    }

    private static void awaitLine(Path output, String text) throws Exception {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(output).contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static String tail(Path output) throws java.io.IOException {
        var lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
