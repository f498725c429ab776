package org.minibuildd.packager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.DaemonProcess;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.RawFtp;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;

/**
 * The durable state machine under {@code kill -9}: the packaged daemon runs as its own process and is killed four
 * times on one upload's way — while the FTP transfer of its {@code .changes} is running, while packaging it (build
 * requests written, state not yet committed), in the middle of its sbuild run, and in the middle of installing it
 * (reprepro has the new version, the state does not know yet) — and restarted after each. The upload must end
 * INSTALLED exactly once, with the version before it in {@code -rollback0} and not the new one, nothing else in
 * the rollbacks, {@code reprepro check} clean, and no sbuild or schroot session of the killed build left over.
 * The packaging and install kills land inside windows the daemon holds open on request
 * ({@code minibuildd.crash-test.pause-before-commit}) and announces in its log, so each kill hits its step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashIT {

    private static final String NAME = "crashy";
    private static final String FIRST = "1.0-1~test12+1";
    private static final String SECOND = "1.1-1~test12+1";
    private static final String UNSTABLE = "bookworm-test-unstable";
    private static final String EXPERIMENTAL = "bookworm-test-experimental";
    private static final String PORTED = "crashy-ported";

    private final DaemonProcess daemon = new DaemonProcess(TestHome.create("crash"), "crash");
    private final List<String> settings = List.of("--minibuildd.incoming.scan-interval=1s",
            "--minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT);

    private boolean started;

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
    }

    /** One instance, one repository, one chroot for both tests, whichever runs first; the dput.cf for it. */
    private Path setUpOnce() throws Exception {
        var dputConf = daemon.home().resolve("work/dput.cf");
        if (Files.exists(dputConf)) {
            return dputConf;
        }
        ChrootSeed.ensure();
        var setup = daemon.asAdmin("/mini_buildd/api/setup/?update=all&pca=all&output=json&confirm=setup"
                + "&archives=" + enc("http://deb.debian.org/debian/,http://deb.debian.org/debian-security")
                + "&sources=bookworm&distributions=bookworm:amd64&repositories=test:Default:bookworm&chroots=bookworm:amd64");
        assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
        assertThat(daemon.sql("SELECT status FROM chroot")).as(setup.body()).containsExactly("2");
        Files.createDirectories(dputConf.getParent());
        Files.writeString(dputConf, daemon.get("/mini_buildd/api/dput_conf/?output=plain").body());
        return dputConf;
    }

    @Test
    void killMinus9AtEveryStepOfAnUploadLosesNothingAndInstallsNothingTwice() throws Exception {
        start();
        var dputConf = setUpOnce();
        var work = dputConf.getParent();

        // The version before: installed the plain way, so the crashed install has something to shift to rollback0.
        var first = changes(work.resolve("first"), FIRST);
        dput(dputConf, first);
        awaitEvent(FIRST, "INSTALLED", Duration.ofMinutes(10));

        var second = changes(work.resolve("second"), SECOND);
        var dir = second.getParent();

        // 1. During FTP receive: the source files are in, the .changes is half sent when the daemon dies.
        for (var file : sourceFiles(dir)) {
            curlUpload(dir.resolve(file));
        }
        try (var ftp = RawFtp.login(daemon.ftpPort())) {
            var bytes = Files.readAllBytes(second);
            var data = ftp.store(second.getFileName().toString());
            data.write(bytes, 0, bytes.length / 2);
            data.flush();
            Thread.sleep(500);
            daemon.kill9();
        }
        // Restarted with the packaging window open, for step 2.
        start("--minibuildd.crash-test.pause-before-commit=packaging");
        assertThat(uploads(SECOND)).as("a half-sent .changes is no upload").isEmpty();
        var incoming = daemon.home().resolve("incoming");
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!list(incoming.resolve(".partial")).isEmpty()) {
            assertThat(System.nanoTime()).as("the torn transfer's temp file is removed").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(list(incoming)).as("the complete files are kept, the torn one is not there")
                .containsExactlyInAnyOrderElementsOf(sourceFiles(dir));

        // 2. During packaging: dput run again (what is in incoming already is kept: 553 and it goes on); the
        // packager has written the build requests and logged PACKAGING when the daemon dies before the commit.
        long mark = daemon.logLength();
        dput(dputConf, second);
        daemon.awaitLog(mark, "crash window open: PACKAGING", Duration.ofMinutes(2));
        daemon.kill9();
        assertThat(uploads(SECOND)).as("packaging rolled back: the upload is received, no more").containsExactly("RECEIVED");
        assertThat(events(SECOND)).isEmpty();

        // 3. Mid-build: sbuild has run for a while when the daemon dies; its sbuild and session live on, orphaned.
        start();
        awaitEvent(SECOND, "BUILDING", Duration.ofMinutes(3));
        var orphan = awaitSbuild(Duration.ofMinutes(2));
        // Into its session (sbuild starts it in about 2.5 s), well before its end: the whole build takes about 10 s.
        Thread.sleep(3000);
        assertThat(orphan.isAlive()).as("sbuild still building").isTrue();
        var sessionFile = buildDirOf(orphan).resolve(".mini-buildd-sbuild/session-id");
        daemon.kill9();
        assertThat(orphan.isAlive()).as("a kill -9 of the daemon leaves its sbuild running").isTrue();

        // 4. Mid-install: the build runs again from the start; reprepro has installed it when the daemon dies.
        start("--minibuildd.crash-test.pause-before-commit=install");
        orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        if (Files.exists(sessionFile)) {
            var session = Files.readString(sessionFile).strip();
            var sessionDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (openSessions().contains(session)) {
                assertThat(System.nanoTime()).as("the orphaned build's schroot session " + session + " is ended").isLessThan(sessionDeadline);
                Thread.sleep(500);
            }
        }
        mark = daemon.logLength();
        daemon.awaitLog(mark, "crash window open: INSTALL", Duration.ofMinutes(10));
        daemon.kill9();
        assertThat(lsSource()).as("reprepro has it, the state does not").contains(UNSTABLE + " " + SECOND);
        assertThat(uploads(SECOND)).containsExactly("PACKAGING");

        // After the last restart the install is done again, and finds its work done.
        start();
        awaitEvent(SECOND, "INSTALLED", Duration.ofMinutes(3));
        assertThat(uploads(FIRST)).containsExactly("INSTALLED");
        assertThat(uploads(SECOND)).as("one upload, one final state").containsExactly("INSTALLED");
        assertThat(events(SECOND)).filteredOn(t -> List.of("INSTALLED", "FAILED", "REJECTED").contains(t)).containsExactly("INSTALLED");
        assertThat(events(SECOND)).filteredOn("PACKAGING"::equals).hasSize(1);
        assertThat(events(SECOND)).filteredOn("BUILT"::equals).hasSize(1);
        assertThat(lsSource()).as("installed once: the new version in unstable, the one before in rollback0, no more")
                .containsExactlyInAnyOrder(UNSTABLE + " " + SECOND, UNSTABLE + "-rollback0 " + FIRST);
        reprepro("check");
        reprepro("checkpool", "fast");
        assertThat(sbuilds()).as("no sbuild left").isEmpty();

        // The events as mini-buildd's own client follows them: the reference's keys, type by type.
        assertEventsHaveTheReferenceShape(SECOND);
    }

    /**
     * An upload with {@code auto-ports}: the daemon dies after its install committed, with the port made but not
     * uploaded (a window the auto-port worker holds open on request), and only the port's {@code .dsc} sent to
     * incoming, as when the kill cuts the port's FTP upload short. After the restart the port is uploaded from the
     * same files (incoming keeps its {@code .dsc}, which must match the rest) and installed, once. Then the other half
     * of a crash: a port whose upload went out before the daemon died, not yet marked done (here a second pending
     * row for the same port), is only marked done, not made and uploaded again.
     */
    @Test
    void killMinus9AfterAnInstallWithAutoPortsStillMakesThePortOnce() throws Exception {
        start("--minibuildd.crash-test.pause-before-commit=auto_port", "--minibuildd.crash-test.pause=120s");
        var dputConf = setUpOnce();
        var upload = changes(dputConf.getParent().resolve("auto-ports"), PORTED, FIRST, List.of("auto-ports=" + EXPERIMENTAL));
        long mark = daemon.logLength();
        dput(dputConf, upload);
        daemon.awaitLog(mark, "crash window open: AUTO_PORT", Duration.ofMinutes(10));
        var portDir = daemon.home().resolve("ports/auto-port-"
                + daemon.sql("SELECT id FROM auto_port WHERE source = '" + PORTED + "'").getFirst());
        var portChanges = Files.readString(portDir.resolve("made")).strip();
        curlUpload(portDir.resolve(portChanges.replace("_source.changes", ".dsc")));
        daemon.kill9();

        assertThat(uploads(PORTED, FIRST)).as("the install committed").containsExactly("INSTALLED");
        var planned = daemon.sql("SELECT port_version || ' ' || state FROM auto_port WHERE source = '" + PORTED + "'");
        assertThat(planned).as("the port is planned, not made").singleElement().asString().endsWith(" PENDING");
        var portVersion = planned.getFirst().split(" ")[0];
        assertThat(uploads(PORTED, portVersion)).as("nothing uploaded before the crash").isEmpty();
        // The INSTALLED event says the port is made, as mini-buildd's does; after the restart it is true.
        assertThat(daemon.sql("SELECT extra->'auto_ports'->'" + EXPERIMENTAL + "'->>0 || ' ' || (extra->'auto_ports'->'" + EXPERIMENTAL
                + "'->1->>'version') FROM event WHERE source = '" + PORTED + "' AND type = 'INSTALLED'"))
                .containsExactly("true " + portVersion);

        // A finished port's directory that a crash right after its commit left behind: removed on start.
        var leftover = Files.createDirectories(daemon.home().resolve("ports/auto-port-999999"));
        start();
        awaitEvent(PORTED, portVersion, "INSTALLED", Duration.ofMinutes(10));
        assertThat(leftover).doesNotExist();
        assertThat(daemon.sql("SELECT state FROM auto_port WHERE source = '" + PORTED + "'")).containsExactly("DONE");
        assertThat(portDir).as("the port's files go once it is done").doesNotExist();
        assertThat(uploads(PORTED, portVersion)).as("ported once").containsExactly("INSTALLED");
        assertThat(lsSource(PORTED)).containsExactlyInAnyOrder(UNSTABLE + " " + FIRST, EXPERIMENTAL + " " + portVersion);

        mark = daemon.logLength();
        daemon.sql("INSERT INTO auto_port (upload_key, source, version, from_distribution, distribution, port_version, dsc_url,"
                + " public_url, options, created) SELECT upload_key || '/again', source, version, from_distribution, distribution,"
                + " port_version, dsc_url, public_url, options, created FROM auto_port WHERE source = '" + PORTED + "'");
        daemon.awaitLog(mark, "was made before", Duration.ofMinutes(1));
        assertThat(daemon.sql("SELECT state FROM auto_port WHERE source = '" + PORTED + "' ORDER BY id")).containsExactly("DONE", "DONE");
        assertThat(uploads(PORTED, portVersion)).as("not uploaded again").containsExactly("INSTALLED");
        assertThat(events(PORTED, portVersion)).doesNotContain("REJECTED", "FAILED");
        reprepro("check");
        reprepro("checkpool", "fast");
    }

    private void assertEventsHaveTheReferenceShape(String version) throws Exception {
        var client = new ProcessBuilder("mini-buildd-events", daemon.url(""), "-A", "epoch", "-S", NAME, "-V", version,
                "-E", "INSTALLED").redirectErrorStream(true).start();
        assertThat(client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("mini-buildd-events exits on INSTALLED").isTrue();
        var output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.exitValue()).as(output).isZero();
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var ours = new java.util.LinkedHashMap<String, tools.jackson.databind.JsonNode>();
        try (var parser = json.createParser(output)) {
            for (var values = json.readValues(parser, tools.jackson.databind.JsonNode.class); values.hasNext(); ) {
                var event = values.next();
                ours.put(event.get("type").asString(), event);
            }
        }
        assertThat(ours.keySet()).containsExactly("PACKAGING", "BUILDING", "BUILT", "INSTALLED");
        try (var in = getClass().getResourceAsStream("/reference/api-samples/events-one-upload-1.0~test12+2.json")) {
            for (var reference : json.readTree(in)) {
                var type = reference.get("type").asString();
                assertThat(keys(ours.get(type), "")).as(type + " event keys").containsExactlyInAnyOrderElementsOf(keys(reference, ""));
            }
        }
    }

    /** Every key path of a JSON object, nested ones as {@code a.b}; the per-architecture maps as {@code <arch>}. */
    private static List<String> keys(tools.jackson.databind.JsonNode node, String prefix) {
        var all = new ArrayList<String>();
        for (var name : node.propertyNames()) {
            var path = prefix + (prefix.endsWith("buildrequests.") || prefix.endsWith("buildresults.") ? "<arch>" : name);
            all.add(path);
            var value = node.get(name);
            if (value.isObject() && !name.equals("error")) {
                all.addAll(keys(value, path + "."));
            }
        }
        return all;
    }

    /** The visible names in a directory (hidden ones are the spool's bookkeeping). */
    private static List<String> list(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** (Re)starts the daemon: one still running from the other test is killed first. */
    private void start(String... extra) throws Exception {
        if (started) {
            daemon.kill9();
        }
        started = true;
        var all = new ArrayList<>(settings);
        all.addAll(List.of(extra));
        daemon.start(all.toArray(String[]::new));
    }

    private Path changes(Path dir, String version) throws Exception {
        return changes(dir, NAME, version, List.of());
    }

    /** A source upload to unstable; {@code options} go into its changelog entry as {@code MINI_BUILDD_OPTION} lines. */
    private Path changes(Path dir, String source, String version, List<String> options) throws Exception {
        Files.createDirectories(dir);
        HelloPackage.source(dir, source, version, UNSTABLE, HelloPackage.Flavour.GOOD);
        var upstream = version.substring(0, version.lastIndexOf('-'));
        var tree = dir.resolve(source + "-" + upstream);
        if (!options.isEmpty()) {
            var changelog = tree.resolve("debian/changelog");
            var items = options.stream().map(o -> "  * MINI_BUILDD_OPTION: " + o + "\n").reduce("", String::concat);
            Files.writeString(changelog, Files.readString(changelog).replace("  * Test build.\n", "  * Test build.\n" + items));
            Files.delete(dir.resolve(source + "_" + version + ".dsc"));
            Files.delete(dir.resolve(source + "_" + version + ".debian.tar.xz"));
            TinyPackages.run(dir, List.of("dpkg-source", "-b", tree.getFileName().toString()));
        }
        var name = source + "_" + version + "_source.changes";
        TinyPackages.run(tree, List.of("dpkg-genchanges", "-S", "-sa", "-O../" + name));
        return dir.resolve(name);
    }

    /** The files the .changes lists. */
    private static List<String> sourceFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".dsc") || n.endsWith(".tar.gz") || n.endsWith(".tar.xz") || n.endsWith(".buildinfo"))
                    .sorted().toList();
        }
    }

    private void dput(Path conf, Path changes) throws Exception {
        // -f: a dput that was interrupted leaves no .upload log, but a finished earlier run would make it refuse.
        var dput = new ProcessBuilder("dput", "-f", "-u", "-c", conf.toString(), "mini-buildd-crash", changes.getFileName().toString())
                .directory(changes.getParent().toFile()).redirectErrorStream(true).start();
        var output = new String(dput.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dput.waitFor();
        assertThat(output).as(output).contains(changes.getFileName().toString());
    }

    private void curlUpload(Path file) throws Exception {
        var curl = new ProcessBuilder("curl", "-sS", "-T", file.toString(), "ftp://localhost:" + daemon.ftpPort() + "/incoming/")
                .redirectErrorStream(true).start();
        var output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(output).isZero();
    }

    private List<String> uploads(String version) throws Exception {
        return uploads(NAME, version);
    }

    private List<String> uploads(String source, String version) throws Exception {
        return daemon.sql("SELECT state FROM upload WHERE source = '" + source + "' AND version = '" + version + "' ORDER BY id");
    }

    private List<String> events(String version) throws Exception {
        return events(NAME, version);
    }

    private List<String> events(String source, String version) throws Exception {
        return daemon.sql("SELECT type FROM event WHERE source = '" + source + "' AND version = '" + version + "' ORDER BY id");
    }

    private void awaitEvent(String version, String type, Duration timeout) throws Exception {
        awaitEvent(NAME, version, type, timeout);
    }

    private void awaitEvent(String source, String version, String type, Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!events(source, version).contains(type)) {
            var failed = daemon.sql("SELECT type || ': ' || coalesce(extra->'error'->>'detail', '') FROM event WHERE source = '"
                    + source + "' AND version = '" + version + "' AND type IN ('FAILED', 'REJECTED')");
            assertThat(failed).as("while waiting for " + type + " of " + version).isEmpty();
            assertThat(System.nanoTime()).as("no " + type + " event of " + version + " within " + timeout + ", see " + daemon.log())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** The sbuild building below this daemon's home (there is one build at a time here). */
    private ProcessHandle awaitSbuild(Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var found = sbuilds();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no sbuild started within " + timeout);
    }

    private List<ProcessHandle> sbuilds() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("/usr/bin/sbuild")).orElse(false))
                .filter(p -> buildDirOf(p) != null && buildDirOf(p).startsWith(daemon.home()))
                .toList();
    }

    private static Path buildDirOf(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> openSessions() throws Exception {
        var schroot = new ProcessBuilder("schroot", "--list", "--all-sessions").redirectErrorStream(true).start();
        var out = new String(schroot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        schroot.waitFor();
        return out.lines().map(l -> l.replaceFirst("^session:", "").strip()).toList();
    }

    private List<String> lsSource() throws Exception {
        return lsSource(NAME);
    }

    private List<String> lsSource(String source) throws Exception {
        return reprepro("--type", "dsc", "lsbycomponent", source).lines().filter(l -> l.contains("|"))
                .map(l -> l.split("\\|"))
                .map(f -> f[2].strip() + " " + f[1].strip())
                .toList();
    }

    private String reprepro(String... arguments) throws Exception {
        var argv = new ArrayList<>(List.of("reprepro", "-b", daemon.home().resolve("repositories/test").toString()));
        argv.addAll(List.of(arguments));
        var reprepro = new ProcessBuilder(argv).redirectErrorStream(true).start();
        var out = new String(reprepro.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reprepro.waitFor()).as("reprepro " + String.join(" ", arguments) + ": " + out).isZero();
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
