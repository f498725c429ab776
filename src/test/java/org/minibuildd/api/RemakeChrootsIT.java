package org.minibuildd.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minibuildd.builder.ChrootService;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.config.Status;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.daemon.Home;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.TestHome;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code remake_chroots} over HTTP against a real chroot (from the machine's seed tree, configured from
 * deb.debian.org): only an administrator may call it, only confirmed, only for chroots that exist; a remake
 * really makes the chroot anew and leaves it ACTIVE and usable by schroot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemakeChrootsIT extends IsolatedDaemonIT {

    private static final Path OWN_HOME = TestHome.create("remake-chroots");
    private static final ObjectRef BOOKWORM_AMD64 = new ObjectRef(ObjectType.CHROOT, "bookworm:amd64");

    @DynamicPropertySource
    static void ownHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", OWN_HOME::toString);
    }

    @Autowired SetupService setup;
    @Autowired ConfigActions actions;
    @Autowired AdminPassword admin;
    @Autowired UserService users;
    @Autowired Home home;
    @Autowired ChrootService chroots;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeAll
    void anActiveChroot() throws Exception {
        ChrootSeed.ensure();
        TestCalls.ensureAccounts(users);
        var report = setup.setup(SetupRequest.all().archives(List.of(ChrootSeed.MIRROR)).sources(List.of("bookworm"))
                .chroots(List.of("bookworm:amd64")).build());
        assertThat(report.instances()).filteredOn(i -> i.type().equals("Chroot")).singleElement()
                .satisfies(i -> assertThat(i.status()).as(i.toString()).isEqualTo(SetupReport.InstanceStatus.ACTIVE));
    }

    @AfterAll
    void removeTheChroot() {
        actions.run(ConfigActions.Action.REMOVE, BOOKWORM_AMD64);
    }

    @Test
    void onlyAnAdministratorMayRemakeAndOnlyConfirmed() throws Exception {
        var anonymous = call(null, "remake_chroots/?confirm=remake_chroots&output=json");
        assertProblem(anonymous, 401, "API call 'remake_chroots' needs authorization: ADMIN");
        var staff = call(TestCalls.STAFF, "remake_chroots/?confirm=remake_chroots&output=json");
        assertProblem(staff, 403, "API call 'remake_chroots' needs authorization: ADMIN");
        var unconfirmed = call("admin", "remake_chroots/?keys=bookworm:amd64&output=json");
        assertProblem(unconfirmed, 400, "API call 'remake_chroots' needs to be confirmed: remake_chroots");
        var unknown = call("admin", "remake_chroots/?keys=bookworm:amd64,trixie:i386&confirm=remake_chroots&output=json");
        assertProblem(unknown, 400, "there is no chroot trixie:i386");
        // None of the refusals touched the chroot.
        assertThat(actions.state(BOOKWORM_AMD64).isActive()).isTrue();
    }

    @Test
    void aRemakeMakesTheChrootAnewAndLeavesItActiveAndUsable() throws Exception {
        // A mark in the tree: a chroot made anew from its configuration does not have it.
        var tree = home.chroots().resolve("bookworm/amd64/source");
        var mark = tree.resolve("root/remake-mark");
        Files.writeString(mark, "made before the remake\n");

        var response = call("admin", "remake_chroots/?keys=bookworm:amd64&confirm=remake_chroots&output=json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var remade = json.readTree(response.body());
        assertThat(remade.isArray()).isTrue();
        assertThat(remade).singleElement().satisfies(chroot -> {
            assertThat(chroot.propertyNames()).containsExactly("chroot", "status", "message");
            assertThat(chroot.get("chroot").asString()).isEqualTo("bookworm:amd64");
            assertThat(chroot.get("status").asString()).isEqualTo("ACTIVE");
        });

        assertThat(actions.state(BOOKWORM_AMD64).status()).isEqualTo(Status.ACTIVE);
        assertThat(tree.resolve("etc/debian_version")).exists();
        assertThat(mark).doesNotExist();
        var schroot = runner.run(Command.of("schroot", "-c", chroots.schrootName("bookworm", "amd64"), "--directory", "/", "--", "true"));
        assertThat(schroot.exitCode()).isZero();
        var status = json.readTree(call(null, "status/?output=json").body());
        assertThat(status.get("chroots").toString()).isEqualTo("[\"bookworm:amd64\"]");
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.propertyNames()).containsExactly("type", "status", "title", "detail", "instance");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detail);
    }

    private HttpResponse<String> call(String user, String call) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/" + call)));
        if (user != null) {
            var password = user.equals("admin") ? admin.password() : TestCalls.PASSWORD;
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
