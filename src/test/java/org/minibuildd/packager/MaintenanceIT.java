package org.minibuildd.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.api.TestCalls;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.repository.PackageListing;
import org.minibuildd.repository.RepositoryPackages;
import org.minibuildd.support.DaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ls}, {@code show}, {@code migrate} and {@code remove} over HTTP on real reprepro repositories ({@code mnt}:
 * Default layout, {@code mntnr}: Default without rollbacks), packages made by Debian's tools. Every refusal answers
 * problem JSON naming the reason, leaves the listing as it was and {@code reprepro check} clean.
 */
@Import(TestCalls.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceIT extends DaemonIT {

    /** The archives SetupIT uses on this shared daemon: one Source "Debian bookworm" for both. */
    private static final List<String> ARCHIVES = List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security");

    @Autowired SetupService setup;
    @Autowired RepositoryPackages packages;
    @Autowired Events events;
    @Autowired UserService users;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private Path work;

    @BeforeAll
    void repositories() throws Exception {
        TestCalls.ensureAccounts(users);
        var report = setup.setup(SetupRequest.all().archives(ARCHIVES).sources(List.of("bookworm"))
                .distributions(List.of("bookworm:amd64"))
                .repositories(List.of("mnt:Default:bookworm", "mntnr:Default (no rollbacks):bookworm")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Repository")).hasSize(2)
                .allSatisfy(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
        work = Files.createTempDirectory(TestHome.create("maintenance"), "work");
    }

    @Test
    void lsAnswersAsTheReferenceWithFiltersAndShowAddsPathsMigrationLogsAndEvents() throws Exception {
        for (var version : List.of("1.0", "1.1", "1.2")) {
            install("mnt", "lister", version, "unstable", "");
        }
        install("mnt", "lister", "2.0", "experimental", "");

        var ls = call("ls", null, "source=lister");
        assertThat(ls.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ls.body())).isEqualTo(json.readTree("""
                {"mnt": {
                  "bookworm-mnt-unstable": {
                    "rollbacks": {
                      "bookworm-mnt-unstable-rollback0": {"version": "1.1", "component": "main", "architecture": "source"},
                      "bookworm-mnt-unstable-rollback1": {"version": "1.0", "component": "main", "architecture": "source"}},
                    "version": "1.2", "component": "main", "architecture": "source"},
                  "bookworm-mnt-experimental": {"rollbacks": {}, "version": "2.0", "component": "main", "architecture": "source"}}}
                """));
        // The reference's key order: rollbacks first.
        assertThat(json.readTree(ls.body()).get("mnt").get("bookworm-mnt-unstable").propertyNames())
                .containsExactly("rollbacks", "version", "component", "architecture");
        assertThat(call("ls", null, "source=nonexistent").body()).isEqualTo("{}");
        assertThat(call("ls", null, "source=lister&codenames=trixie").body()).isEqualTo("{}");
        assertThat(json.readTree(call("ls", null, "source=lister&version=1.1").body()).get("mnt").toString())
                .isEqualTo("{\"bookworm-mnt-unstable\":{\"rollbacks\":{\"bookworm-mnt-unstable-rollback0\":"
                        + "{\"version\":\"1.1\",\"component\":\"main\",\"architecture\":\"source\"}}}}");
        var min = json.readTree(call("ls", null, "source=lister&min_version=1.2&repositories=mnt").body()).get("mnt");
        assertThat(min.get("bookworm-mnt-unstable").get("rollbacks").isEmpty()).isTrue();
        assertThat(min.get("bookworm-mnt-experimental").get("version").asString()).isEqualTo("2.0");
        var unknown = call("ls", null, "source=lister&repositories=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no repository \\\"nope\\\"");

        // An installed upload of 1.2, as the packager leaves it: its .changes and build log under events/.
        var key = "lister/1.2/20261207:040000:000001";
        var changes = key + "/source/lister_1.2_source.changes";
        var buildlog = key + "/amd64/lister_1.2_amd64.buildlog";
        for (var file : List.of(changes, buildlog)) {
            Files.createDirectories(HOME.resolve("events").resolve(file).getParent());
            Files.writeString(HOME.resolve("events").resolve(file), "test\n");
        }
        events.log(EventType.INSTALLED, "bookworm-mnt-unstable", "lister", "1.2", Map.of("key", key, "changes", changes,
                "architecture", "source", "buildresults", Map.of("amd64", Map.of("buildlog", buildlog))));

        var show = json.readTree(call("show", null, "source=lister").body()).get("mnt");
        var unstable = show.get("bookworm-mnt-unstable");
        assertThat(unstable.propertyNames()).startsWith("rollbacks", "version", "component", "architecture", "dsc_path",
                "changes_paths", "uploadable", "migrates_to", "is_migrated");
        assertThat(unstable.get("dsc_path").asString()).isEqualTo("mnt/pool/main/l/lister/lister_1.2.dsc");
        assertThat(HOME.resolve("repositories").resolve(unstable.get("dsc_path").asString())).isRegularFile();
        assertThat(unstable.get("rollbacks").get("bookworm-mnt-unstable-rollback1").get("dsc_path").asString())
                .isEqualTo("mnt/pool/main/l/lister/lister_1.0.dsc");
        assertThat(unstable.get("changes_paths").toString()).isEqualTo("[\"" + changes + "\"]");
        assertThat(unstable.get("uploadable").asBoolean()).isTrue();
        assertThat(unstable.get("migrates_to").asString()).isEqualTo("bookworm-mnt-testing");
        assertThat(unstable.get("is_migrated").asBoolean()).isFalse();
        assertThat(unstable.get("buildlogs").toString()).isEqualTo("{\"amd64\":[\"" + buildlog + "\"]}");
        assertThat(unstable.get("events").get(0).get("type").asString()).isEqualTo("INSTALLED");
        var experimental = show.get("bookworm-mnt-experimental");
        assertThat(experimental.has("migrates_to")).isFalse();
        assertThat(experimental.get("changes_paths").isEmpty()).isTrue();

        // mini-buildd 2.2.8's own client, unchanged, reads our answers.
        var client = referenceClient("--json", "ls", url(""), "lister", "--repositories", "mnt", "--min-version", "1.1");
        assertThat(json.readTree(client).get("mnt").get("bookworm-mnt-unstable").get("version").asString()).isEqualTo("1.2");
        assertThat(json.readTree(referenceClient("--json", "show", url(""), "lister")).get("mnt").get("bookworm-mnt-unstable")
                .get("dsc_path").asString()).isEqualTo("mnt/pool/main/l/lister/lister_1.2.dsc");

        var html = call("show", null, "source=lister&output=html");
        assertThat(html.body()).contains("<a href=\"/mini_buildd/packages/lister\">");
    }

    @Test
    void migrateMovesSourceAndBinariesAlongTheSuitesShiftingTheTargetsRollbacks() throws Exception {
        install("mnt", "mover", "1.0", "unstable", "");
        assertThat(call("migrate", TestCalls.STAFF, "source=mover&distribution=bookworm-mnt-unstable&confirm=migrate").body())
                .isEqualTo("{}");
        // ls reads the exported indices through a cache: it sees each change at once.
        assertThat(json.readTree(call("ls", null, "source=mover").body()).get("mnt").get("bookworm-mnt-testing").get("version").asString())
                .isEqualTo("1.0");
        install("mnt", "mover", "1.1", "unstable", "");
        assertThat(json.readTree(call("ls", null, "source=mover").body()).get("mnt").get("bookworm-mnt-unstable").get("version").asString())
                .isEqualTo("1.1");
        call("migrate", TestCalls.STAFF, "source=mover&distribution=bookworm-mnt-unstable&confirm=migrate");
        assertThat(json.readTree(call("ls", null, "source=mover").body()).get("mnt").get("bookworm-mnt-testing").get("version").asString())
                .isEqualTo("1.1");
        assertThat(sources("mnt", "mover")).containsExactlyInAnyOrder(tuple("bookworm-mnt-unstable", "1.1"),
                tuple("bookworm-mnt-unstable-rollback0", "1.0"), tuple("bookworm-mnt-testing", "1.1"),
                tuple("bookworm-mnt-testing-rollback0", "1.0"));
        // reprepro lists an arch-all binary under each architecture, beside the source: "amd64, source".
        assertThat(packages.ls("mnt", "mover")).filteredOn(l -> l.architecture().contains("amd64"))
                .extracting(PackageListing::distribution).contains("bookworm-mnt-testing");
        var migrated = events.of("mover", "1.1").stream().filter(e -> e.type() == EventType.MIGRATED).toList();
        assertThat(migrated).singleElement().satisfies(e -> {
            assertThat(e.distribution()).isEqualTo("bookworm-mnt-testing");
            assertThat(e.extra()).containsEntry("migrated_from", "bookworm-mnt-unstable").containsEntry("forced", false);
        });

        // full: on to stable; a version from a rollback of the distribution.
        call("migrate", TestCalls.STAFF, "source=mover&distribution=bookworm-mnt-testing&full=true&confirm=migrate");
        assertThat(sources("mnt", "mover")).contains(tuple("bookworm-mnt-stable", "1.1"));
        install("mnt", "mover", "1.2", "unstable", "");
        call("remove", TestCalls.ADMIN, "source=mover&distribution=bookworm-mnt-testing&confirm=remove");
        var fromRollback = call("migrate", TestCalls.STAFF, "source=mover&distribution=bookworm-mnt-unstable&version=1.0&confirm=migrate");
        assertThat(fromRollback.statusCode()).as(fromRollback.body()).isEqualTo(200);
        assertThat(sources("mnt", "mover")).contains(tuple("bookworm-mnt-testing", "1.0"));
        check("mnt");
    }

    /** Two staff migrating the same source at the same moment: one MIGRATED, one "already migrated", one copy. */
    @Test
    void concurrentMigratesOfOneSourceMigrateItOnce() throws Exception {
        install("mnt", "racer", "1.0", "unstable", "");
        var query = "source=racer&distribution=bookworm-mnt-unstable&confirm=migrate";
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> call("migrate", TestCalls.STAFF, query));
            var b = pool.submit(() -> call("migrate", TestCalls.STAFF, query));
            var codes = List.of(a.get().statusCode(), b.get().statusCode());
            assertThat(codes).as(a.get().body() + " / " + b.get().body()).containsExactlyInAnyOrder(200, 400);
            assertThat(codes.get(0) == 400 ? a.get().body() : b.get().body()).contains("already migrated to bookworm-mnt-testing");
        }
        assertThat(sources("mnt", "racer")).containsExactlyInAnyOrder(tuple("bookworm-mnt-unstable", "1.0"),
                tuple("bookworm-mnt-testing", "1.0"));
        assertThat(events.of("racer", "1.0").stream().filter(e -> e.type() == EventType.MIGRATED)).hasSize(1);
        check("mnt");
    }

    @Test
    void migrateRefusesWithTheReasonAndChangesNothing() throws Exception {
        install("mnt", "stay", "1.0", "unstable", "");
        call("migrate", TestCalls.STAFF, "source=stay&distribution=bookworm-mnt-unstable&confirm=migrate");
        var before = sources("mnt", "stay");
        var refusals = new LinkedHashMap<String, String>();
        refusals.put("source=stay&distribution=bookworm-mnt-stable", "does not migrate");
        refusals.put("source=stay&distribution=bookworm-mnt-experimental", "does not migrate");
        refusals.put("source=nothere&distribution=bookworm-mnt-unstable", "No such source");
        refusals.put("source=stay&distribution=bookworm-mnt-unstable", "already migrated to bookworm-mnt-testing");
        refusals.put("source=stay&distribution=bookworm-mnt-unstable&version=0.9", "No such source");
        refusals.put("source=stay&distribution=bookworm-mnt-unstable-rollback0", "remove it first to restore the rollback");
        refusals.put("source=stay&distribution=no-such", "Distribution");
        for (var refusal : refusals.entrySet()) {
            var answer = call("migrate", TestCalls.STAFF, refusal.getKey() + "&confirm=migrate");
            assertThat(answer.statusCode()).as(refusal.getKey()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(json.readTree(answer.body()).get("detail").asString()).as(refusal.getKey()).contains(refusal.getValue());
        }
        assertThat(call("migrate", TestCalls.STAFF, "source=stay&distribution=bookworm-mnt-unstable").body()).contains("needs to be confirmed");
        assertThat(call("migrate", TestCalls.USER, "source=stay&distribution=bookworm-mnt-unstable&confirm=migrate").statusCode()).isEqualTo(403);
        assertThat(call("migrate", null, "source=stay&distribution=bookworm-mnt-unstable&confirm=migrate").statusCode()).isEqualTo(401);
        assertThat(sources("mnt", "stay")).isEqualTo(before);
        check("mnt");
    }

    @Test
    void removeShiftsIntoTheRollbacksKeepingExactlyTheLayoutsNumber() throws Exception {
        // testing keeps 3 rollbacks in the Default layout.
        for (var version : List.of("1.0", "1.1", "1.2", "1.3")) {
            install("mnt", "gone", version, "testing", "");
        }
        call("remove", TestCalls.ADMIN, "source=gone&distribution=bookworm-mnt-testing&confirm=remove");
        assertThat(sources("mnt", "gone")).containsExactlyInAnyOrder(tuple("bookworm-mnt-testing-rollback0", "1.3"),
                tuple("bookworm-mnt-testing-rollback1", "1.2"), tuple("bookworm-mnt-testing-rollback2", "1.1"));
        assertThat(events.of("gone", "1.3")).filteredOn(e -> e.type() == EventType.REMOVED).singleElement()
                .satisfies(e -> assertThat(e.distribution()).isEqualTo("bookworm-mnt-testing"));
        // show of a distribution that only has rollbacks left: what mini-buildd shows without a version.
        var onlyRollbacks = json.readTree(call("show", null, "source=gone").body()).get("mnt").get("bookworm-mnt-testing");
        assertThat(onlyRollbacks.propertyNames()).containsExactly("rollbacks", "uploadable", "migrates_to");
        assertThat(onlyRollbacks.get("migrates_to").asString()).isEqualTo("bookworm-mnt-stable");
        assertThat(onlyRollbacks.get("rollbacks").get("bookworm-mnt-testing-rollback2").get("dsc_path").asString())
                .isEqualTo("mnt/pool/main/g/gone/gone_1.1.dsc");
        // From a rollback: the older ones move down to close the gap.
        call("remove", TestCalls.ADMIN, "source=gone&distribution=bookworm-mnt-testing-rollback0&version=1.3&confirm=remove");
        assertThat(sources("mnt", "gone")).containsExactlyInAnyOrder(tuple("bookworm-mnt-testing-rollback0", "1.2"),
                tuple("bookworm-mnt-testing-rollback1", "1.1"));
        // Without rollback: gone for good.
        install("mnt", "gone", "2.0", "unstable", "");
        call("remove", TestCalls.ADMIN, "source=gone&distribution=bookworm-mnt-unstable&without_rollback=true&confirm=remove");
        assertThat(sources("mnt", "gone")).noneMatch(t -> t.toList().getFirst().toString().startsWith("bookworm-mnt-unstable"));

        var before = sources("mnt", "gone");
        for (var refusal : List.of("source=gone&distribution=bookworm-mnt-unstable", "source=gone&distribution=bookworm-mnt-testing-rollback0&version=9.9",
                "source=nothere&distribution=bookworm-mnt-testing")) {
            var answer = call("remove", TestCalls.ADMIN, refusal + "&confirm=remove");
            assertThat(answer.statusCode()).as(refusal).isEqualTo(400);
            assertThat(answer.body()).as(refusal).contains("No such source");
        }
        assertThat(call("remove", TestCalls.STAFF, "source=gone&distribution=bookworm-mnt-testing-rollback0&confirm=remove").statusCode()).isEqualTo(403);
        assertThat(sources("mnt", "gone")).isEqualTo(before);
        check("mnt");
    }

    @Test
    void aRollbackIsRestoredIntoItsDistributionAndAFailedInstallThenPutsBackTheVersionFromTheRollbackHoldingIt() throws Exception {
        install("mnt", "restored", "1.0", "unstable", "");
        install("mnt", "restored", "1.1", "unstable", "");
        call("remove", TestCalls.ADMIN, "source=restored&distribution=bookworm-mnt-unstable&confirm=remove");
        assertThat(sources("mnt", "restored")).containsExactlyInAnyOrder(tuple("bookworm-mnt-unstable-rollback0", "1.1"),
                tuple("bookworm-mnt-unstable-rollback1", "1.0"));
        // As mini-buildd: migrate from a rollback distribution restores its version into the distribution.
        var restore = call("migrate", TestCalls.STAFF, "source=restored&distribution=bookworm-mnt-unstable-rollback1&confirm=migrate");
        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);
        assertThat(sources("mnt", "restored")).contains(tuple("bookworm-mnt-unstable", "1.0"));
        assertThat(events.of("restored", "1.0")).filteredOn(e -> e.type() == EventType.MIGRATED).singleElement()
                .satisfies(e -> assertThat(e.extra()).containsEntry("migrated_from", "bookworm-mnt-unstable-rollback1"));

        // 1.0 is in rollback1 already, so an install shifts nothing; when it fails, 1.0 comes back from rollback1.
        var before = sources("mnt", "restored");
        var dir = Files.createDirectories(work.resolve("restored-broken"));
        var dsc = TinyPackages.source(dir, "restored", "1.2");
        var deb = TinyPackages.binary(dir, "restored", "1.2");
        var changes = TinyPackages.binaryChanges(dir, "restored", "1.2", deb, "bookworm-mnt-unstable");
        Files.writeString(deb, "not the deb the changes describe", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> packages.install("mnt", "bookworm", "unstable", dsc, List.of(changes)))
                .hasMessageContaining("nothing changed");
        assertThat(sources("mnt", "restored")).isEqualTo(before);
        check("mnt");
    }

    @Test
    void aFailedInstallInASuiteWithoutRollbacksPutsTheReplacedVersionBack() throws Exception {
        install("mntnr", "kept", "1.0", "unstable", "");
        var dir = Files.createDirectories(work.resolve("kept-broken"));
        var dsc = TinyPackages.source(dir, "kept", "1.1");
        var deb = TinyPackages.binary(dir, "kept", "1.1");
        var changes = TinyPackages.binaryChanges(dir, "kept", "1.1", deb, "bookworm-mntnr-unstable");
        Files.writeString(deb, "not the deb the changes describe", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> packages.install("mntnr", "bookworm", "unstable", dsc, List.of(changes)))
                .hasMessageContaining("nothing changed");
        assertThat(packages.ls("mntnr", "kept")).extracting(PackageListing::distribution, PackageListing::version, PackageListing::architecture)
                .containsExactly(tuple("bookworm-mntnr-unstable", "1.0", "amd64, source"));
        assertThat(HOME.resolve("repositories/mntnr/pool/main/k/kept/kept_1.0_all.deb")).isRegularFile();
        try (var hidden = Files.list(HOME.resolve("repositories/mntnr"))) {
            assertThat(hidden.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".aside"));
        }
        check("mntnr");
    }

    @Test
    void migrateRefusesBinariesThatAreNotInstallableInTheTargetUnlessForced() throws Exception {
        install("mnt", "gatedep", "1.0", "unstable", "");
        install("mnt", "gateuser", "1.0", "unstable", "gatedep (>= 1.0)");
        var before = sources("mnt", "gateuser");
        var refused = call("migrate", TestCalls.STAFF, "source=gateuser&distribution=bookworm-mnt-unstable&confirm=migrate");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("detail").asString())
                .contains("not installable in bookworm-mnt-testing", "gateuser 1.0 (amd64): depends on gatedep");
        assertThat(sources("mnt", "gateuser")).isEqualTo(before);
        check("mnt");

        var forced = call("migrate", TestCalls.STAFF, "source=gateuser&distribution=bookworm-mnt-unstable&force=true&confirm=migrate");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        assertThat(sources("mnt", "gateuser")).contains(tuple("bookworm-mnt-testing", "1.0"));
        assertThat(events.of("gateuser", "1.0")).filteredOn(e -> e.type() == EventType.MIGRATED).singleElement()
                .satisfies(e -> {
                    assertThat(e.extra()).containsEntry("forced", true);
                    assertThat(e.extra().get("unsatisfied").toString()).contains("gatedep");
                    // Debian's Packages come from the bookworm chroot's apt lists; on this shared daemon the chroot
                    // exists when SetupIT ran first. Without them the event says the check saw the target alone.
                    if (Files.isDirectory(HOME.resolve("chroots/bookworm/amd64/source/var/lib/apt/lists"))) {
                        assertThat(e.extra()).doesNotContainKey("installability_checked_without_debian");
                    } else {
                        assertThat(e.extra()).containsEntry("installability_checked_without_debian", List.of("amd64"));
                    }
                });

        // Once its dependency is there too, the next version migrates without force.
        call("migrate", TestCalls.STAFF, "source=gatedep&distribution=bookworm-mnt-unstable&confirm=migrate");
        // With the chroot's lists (SetupIT made the chroot on this shared daemon), a dependency only Debian has counts too.
        var debian = Files.isDirectory(HOME.resolve("chroots/bookworm/amd64/source/var/lib/apt/lists"));
        install("mnt", "gateuser", "1.1", "unstable", "gatedep (>= 1.0)" + (debian ? ", libc6 (>= 2.36)" : ""));
        var plain = call("migrate", TestCalls.STAFF, "source=gateuser&distribution=bookworm-mnt-unstable&confirm=migrate");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        check("mnt");
    }

    /** mini-buildd-api (Debian package mini-buildd-utils, which bin/mini-buildd test installs), anonymous; its stdout. */
    private String referenceClient(String... arguments) throws Exception {
        var command = new java.util.ArrayList<>(List.of("/usr/bin/mini-buildd-api"));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("HOME", work.toString());
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + out + err).isZero();
        return out;
    }

    private void install(String identity, String name, String version, String suite, String depends) throws Exception {
        var dir = Files.createDirectories(work.resolve(identity + "-" + name + "-" + version));
        var dsc = TinyPackages.source(dir, name, version);
        var deb = TinyPackages.binary(dir, name, version, depends);
        var changes = TinyPackages.binaryChanges(dir, name, version, deb, "bookworm-" + identity + "-" + suite);
        packages.install(identity, "bookworm", suite, dsc, List.of(changes));
    }

    private List<org.assertj.core.groups.Tuple> sources(String identity, String source) {
        return packages.lsSource(identity, source).stream().map(l -> tuple(l.distribution(), l.version()))
                .collect(Collectors.toList());
    }

    private void check(String identity) throws Exception {
        var repository = HOME.resolve("repositories").resolve(identity);
        TinyPackages.run(repository, List.of("reprepro", "-b", repository.toString(), "check"));
    }

    private HttpResponse<String> call(String name, String user, String query) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/" + name + "/?" + encode(query))));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + TestCalls.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Encodes each value of {@code a=b&c=d} (versions hold '~' and '+'). */
    private static String encode(String query) {
        return java.util.Arrays.stream(query.split("&")).map(p -> {
            var eq = p.indexOf('=');
            return p.substring(0, eq + 1) + URLEncoder.encode(p.substring(eq + 1), StandardCharsets.UTF_8);
        }).collect(Collectors.joining("&"));
    }
}
