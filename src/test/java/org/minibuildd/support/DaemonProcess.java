package org.minibuildd.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged daemon as its own process, as an operator runs it ({@code java -jar}, the launcher's JVM flags), on
 * free ports and a home of its own: for tests that stop it the hard way. Everything it prints goes to
 * {@code home/daemon.out}, across restarts, so a test can wait for a line of it. The admin password is fixed
 * ({@link #ADMIN_PASSWORD}), so the test can call admin API calls over HTTP.
 */
public final class DaemonProcess {

    public static final String ADMIN_PASSWORD = "daemon-process-admin";
    /** Debian's PostgreSQL client, which the cluster's own binaries bring. */
    private static final String PSQL = newestPostgresBin().resolve("psql").toString();

    private final Path home;
    private final String identity;
    private final int httpPort = freePort();
    private final int ftpPort = freePort();
    /** Its schroot names, the same across restarts. */
    private final String schrootPrefix = TestSchroots.newPrefix();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public DaemonProcess(Path home, String identity) {
        this.home = home;
        this.identity = identity;
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return httpPort;
    }

    public int ftpPort() {
        return ftpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return home.resolve("daemon.out");
    }

    /** Starts the daemon with these extra {@code --minibuildd.*} arguments and waits until it serves status. */
    public void start(String... settings) throws Exception {
        var jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("mini-buildd-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn verify"));
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(javaBin, "@" + Path.of("bin/jvm.options").toAbsolutePath(), "-jar", jar.toString(),
                "--minibuildd.home=" + home, "--minibuildd.http-port=" + httpPort, "--minibuildd.ftp-port=" + ftpPort,
                "--minibuildd.identity=" + identity, "--minibuildd.hostname=localhost",
                "--minibuildd.chroots.schroot-prefix=" + schrootPrefix));
        command.addAll(List.of(settings));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("MINIBUILDD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Files.writeString(log(), "\n==== test: start " + String.join(" ", settings) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = builder.start();
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("daemon died during start, see " + log());
            }
            try {
                if (get("/mini_buildd/api/status/?output=json").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not serving yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("daemon did not serve status within 180 s, see " + log());
    }

    /** {@code kill -9}: no shutdown hook, no commit, children (sbuild, the cluster) live on. */
    public void kill9() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("daemon " + process.pid() + " survived SIGKILL");
        }
    }

    /** SIGTERM, then the cluster's postmaster too should the daemon not have stopped it. */
    public void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(90, TimeUnit.SECONDS);
        }
        var pidFile = home.resolve("db/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    public String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A call as {@code admin}, with HTTP Basic as scripts do. */
    public HttpResponse<String> asAdmin(String path) throws Exception {
        var basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic " + basic)
                .timeout(Duration.ofMinutes(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A query against the daemon's private cluster with Debian's psql, as the cluster's owner over its Unix
     * socket: one line per row, columns separated by {@code |}. Works while the daemon is dead, too: the cluster
     * outlives a {@code kill -9}.
     */
    public List<String> sql(String query) throws Exception {
        var psql = new ProcessBuilder("runuser", "-u", "mini-buildd", "--", PSQL, "-h", home.resolve("db").toString(),
                "-U", "minibuildd", "-d", "minibuildd", "-At", "-c", query).redirectErrorStream(true).start();
        var out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (psql.waitFor() != 0) {
            throw new AssertionError("psql failed: " + out);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Waits until the daemon's output since {@code from} (a length of {@link #log()}) has a line containing {@code text}. */
    public void awaitLog(long from, String text, Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var all = Files.readString(log(), StandardCharsets.ISO_8859_1);
            if (all.substring((int) Math.min(from, all.length())).contains(text)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new AssertionError("daemon died while waiting for \"" + text + "\", see " + log());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no \"" + text + "\" in " + log() + " within " + timeout);
    }

    public long logLength() throws IOException {
        return Files.exists(log()) ? Files.size(log()) : 0;
    }

    private static Path newestPostgresBin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .orElseThrow().resolve("bin");
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql", e);
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
