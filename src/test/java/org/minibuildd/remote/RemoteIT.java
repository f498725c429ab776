package org.minibuildd.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.REMOTE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minibuildd.MiniBuilddApplication;
import org.minibuildd.config.CheckState;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigException;
import org.minibuildd.config.LifecycleException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.Status;
import org.minibuildd.config.StatusState;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.support.IsolatedDaemonIT;
import org.minibuildd.support.TestHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real instances, each with its own home, private cluster and HTTP port, make each other Remotes over real
 * HTTP: A is this test's daemon, B a second daemon started in the same JVM. Both name themselves "localhost" with
 * their real port, so the URL each lists in its status is the one the other reaches it by.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"minibuildd.identity=itest", "minibuildd.hostname=localhost", "minibuildd.incoming.listen=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIfSystemProperty(named = "minibuildd.integration-test", matches = "true",
        disabledReason = "an integration test: runs in failsafe (mvn verify), after the frontend bundle is built")
class RemoteIT extends IsolatedDaemonIT {

    private static final int[] PORTS = freePorts();
    private static final int PORT_A = PORTS[0];
    private static final int PORT_B = PORTS[1];
    private static final int CLOSED_PORT = PORTS[2];
    private static final Path HOME_A = TestHome.create("remote-a");
    private static final String URL_A = "http://localhost:" + PORT_A + "/";
    private static final String URL_B = "http://localhost:" + PORT_B + "/";

    private static ConfigurableApplicationContext peer;

    @Autowired ConfigActions actions;
    @Autowired RemoteService remotes;
    @Autowired DSLContext db;
    @Autowired InstanceKeyStore instanceKey;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void instanceA(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", HOME_A::toString);
        registry.add("minibuildd.http-port", () -> PORT_A);
    }

    @BeforeAll
    static void startInstanceB() {
        peer = new SpringApplicationBuilder(MiniBuilddApplication.class).properties(
                "minibuildd.home=" + TestHome.create("remote-b"),
                "minibuildd.http-port=" + PORT_B,
                "minibuildd.hostname=localhost",
                "minibuildd.identity=peer", "minibuildd.incoming.listen=false").run();
    }

    @AfterAll
    static void stopInstanceB() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    @Order(1)
    void twoInstancesHandshakeAndActivateEachOther() throws Exception {
        assertThat(status(PORT_A).get("url").asString()).as("A names itself by its real port").isEqualTo("http://localhost:" + PORT_A);
        var actionsB = peer.getBean(ConfigActions.class);
        var onA = remotes.add("localhost:" + PORT_B);
        var onB = peer.getBean(RemoteService.class).add("tcp:host=localhost:port=" + PORT_A);
        assertThat(onA).isEqualTo(new ObjectRef(ObjectType.REMOTE, URL_B));
        assertThat(onB).isEqualTo(new ObjectRef(ObjectType.REMOTE, URL_A));
        assertThat(remotes.add("http://LOCALHOST:" + PORT_B)).as("the same endpoint, written differently").isEqualTo(onA);

        actions.run(ConfigActions.Action.PREPARE, onA);
        actionsB.run(ConfigActions.Action.PREPARE, onB);
        var keyB = peer.getBean(InstanceKeyStore.class).get();
        var stored = db.select(REMOTE.KEY_FINGERPRINT, REMOTE.KEY_LONG_ID, REMOTE.KEY_NAME, REMOTE.KEY_CREATED)
                .from(REMOTE).where(REMOTE.HTTP.eq(URL_B)).fetchOne();
        assertThat(stored.value1()).isEqualTo(keyB.fingerprint());
        assertThat(keyB.fingerprint()).endsWith(stored.value2());
        assertThat(stored.value3()).isEqualTo(keyB.userId()).contains("peer");
        assertThat(stored.value4()).isNotNull();

        // Both prepared, neither in use on the other side: the handshake itself passes, the activation check not.
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.CHECK, onA))
                .isInstanceOf(LifecycleException.class)
                .hasMessageContaining("our instance " + URL_A + " is not activated on remote " + URL_B);
        assertThat(actions.state(onA)).isEqualTo(new StatusState(Status.PREPARED, CheckState.FAILED));
        assertThat(list(status(PORT_B).get("remotes"))).isEmpty();

        // Activating after a failed check marks it to reactivate: A now lists B, so B's check of A can pass ...
        actions.run(ConfigActions.Action.ACTIVATE, onA);
        assertThat(actions.state(onA).check()).isEqualTo(CheckState.FAILED_WILL_REACTIVATE);
        assertThat(list(status(PORT_A).get("remotes"))).containsExactly(URL_B);
        actionsB.run(ConfigActions.Action.PCA, onB);
        assertThat(actionsB.state(onB).isActive()).isTrue();
        assertThat(list(status(PORT_B).get("remotes"))).containsExactly(URL_A);

        // ... and then A's: both ways in use.
        actions.run(ConfigActions.Action.CHECK, onA);
        assertThat(actions.state(onA).isActive()).isTrue();
        actions.run(ConfigActions.Action.PCA, onA);
        actionsB.run(ConfigActions.Action.CHECK, onB);
        assertThat(actions.state(onA).check().isChecked()).isTrue();
        assertThat(actionsB.state(onB).check().isChecked()).isTrue();
        assertThat(actionsB.lastMessage(onB)).isEqualTo("check succeeded");
    }

    @Test
    @Order(2)
    void handshakeAnswersAKnownKeyWithOurSignedMessageInJsonAndPlain() throws Exception {
        var fromB = peer.getBean(InstanceKeyStore.class).get().clearsign("Hand Shake");
        var asJson = handshake(PORT_A, fromB, "json");
        assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(200);
        var reply = json.readTree(asJson.body()).asString();
        var verified = new SignatureVerifier().verifyClearsigned(reply, instanceKey.get().publicKeyring());
        assertThat(verified.content().strip()).isEqualTo("Hand Shake");

        var asPlain = handshake(PORT_A, fromB, "plain");
        assertThat(asPlain.statusCode()).isEqualTo(200);
        assertThat(asPlain.body()).startsWith("-----BEGIN PGP SIGNED MESSAGE-----");
        assertThat(new SignatureVerifier().verifyClearsigned(asPlain.body(), instanceKey.get().publicKeyring()).content().strip())
                .isEqualTo("Hand Shake");
    }

    @Test
    @Order(3)
    void aKeyThatNoLongerMatchesFailsTheHandshakeUntilTheRemoteIsPreparedAgain() {
        var actionsB = peer.getBean(ConfigActions.class);
        var onA = new ObjectRef(ObjectType.REMOTE, URL_B);
        var onB = new ObjectRef(ObjectType.REMOTE, URL_A);
        // B now holds some other key for A, as if A's key had been replaced since B fetched it.
        var otherKey = new InstanceKeyStore(TestHome.create("remote-other-key"), "other", "localhost").get().exportArmored();
        peer.getBean(DSLContext.class).update(REMOTE).set(REMOTE.KEY_ARMORED, otherKey).where(REMOTE.HTTP.eq(URL_A)).execute();

        // A's message does not verify on B ...
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.CHECK, onA))
                .isInstanceOf(LifecycleException.class)
                .hasMessageContaining("remote " + URL_B + " refused handshake (HTTP 400)")
                .hasMessageContaining("handshake failed: no remote for this key on " + URL_B);
        assertThat(actions.state(onA)).as("an active Remote that fails stops being used, and comes back when fixed")
                .isEqualTo(new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE));
        // ... and A's reply does not verify against what B holds.
        assertThatThrownBy(() -> actionsB.run(ConfigActions.Action.CHECK, onB))
                .isInstanceOf(LifecycleException.class)
                .hasMessageContaining("its reply does not verify against the key prepared for it")
                .hasMessageContaining("remove and prepare the Remote again");

        actionsB.run(ConfigActions.Action.REMOVE, onB);
        assertThat(peer.getBean(DSLContext.class).select(REMOTE.KEY_ARMORED, REMOTE.KEY_FINGERPRINT, REMOTE.KEY_NAME)
                .from(REMOTE).where(REMOTE.HTTP.eq(URL_A)).fetchOne().intoList()).containsOnly("");
        actionsB.run(ConfigActions.Action.PCA, onB);
        actions.run(ConfigActions.Action.CHECK, onA);
        assertThat(actionsB.state(onB).isActive()).isTrue();
        assertThat(actions.state(onA).isActive()).isTrue();
    }

    @Test
    void anUnreachableEndpointFailsPrepareNamingTheUrlAfterTryingToWakeIt() throws Exception {
        var woken = Files.createTempDirectory("remote-wake").resolve("woken");
        var unreachable = remotes.add("http://localhost:" + CLOSED_PORT + "/", "touch " + woken);
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PREPARE, unreachable))
                .isInstanceOf(LifecycleException.class)
                .hasMessageContaining("remote http://localhost:" + CLOSED_PORT + "/ is not reachable")
                .hasMessageContaining("still, after running its wake command 'touch " + woken + "'");
        assertThat(woken).as("the wake command ran").exists();
        assertThat(actions.state(unreachable)).isEqualTo(StatusState.REMOVED);

        var sleeping = remotes.add("tcp:host=localhost:port=" + CLOSED_PORT + ":timeout=1");
        assertThat(sleeping).isEqualTo(unreachable);
        remotes.wakeCommand(unreachable, "");
        assertThatThrownBy(() -> actions.run(ConfigActions.Action.PREPARE, unreachable))
                .hasMessageContaining("http://localhost:" + CLOSED_PORT + "/")
                .hasMessageContaining("no wake command configured");
    }

    @Test
    void malformedEndpointsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> remotes.add("localhost"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("remotes: ").hasMessageContaining("has no port");
        assertThatThrownBy(() -> remotes.add("https://localhost:8066/"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only http://");
    }

    /**
     * What a mini-buildd answers when its own key is not prepared yet (an empty pub_key) and when it is stopped
     * (load -1), served over real HTTP by a small stand-in, since our own daemon never answers either way yet.
     */
    @Test
    void anEmptyKeyIsNotPreparedYetAndAStoppedRemoteFailsItsCheck() throws Exception {
        var key = new InstanceKeyStore(TestHome.create("remote-stopped"), "stopped", "localhost").get();
        var pubKey = new String[] {""};
        var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/mini_buildd/api/", exchange -> {
            var call = exchange.getRequestURI().getPath().replaceAll(".*/api/([^/]+)/?", "$1");
            var body = switch (call) {
                case "status" -> json.writeValueAsString(java.util.Map.of("identity", "stopped", "load", -1.0,
                        "chroots", List.of(), "remotes", List.of(URL_A)));
                case "pub_key" -> json.writeValueAsString(pubKey[0]);
                case "handshake" -> json.writeValueAsString(key.clearsign("Hand Shake"));
                default -> "{}";
            };
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            var stopped = remotes.add("localhost:" + server.getAddress().getPort());
            assertThatThrownBy(() -> actions.run(ConfigActions.Action.PREPARE, stopped))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageContaining("remote " + stopped.key() + " gave an empty public key: remote not prepared yet?");
            assertThat(actions.state(stopped)).isEqualTo(StatusState.REMOVED);

            pubKey[0] = key.exportArmored();
            actions.run(ConfigActions.Action.PREPARE, stopped);
            assertThatThrownBy(() -> actions.run(ConfigActions.Action.CHECK, stopped))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageContaining("Remote is stopped: " + stopped.key() + " reports load -1.0");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void handshakeWithAnUnknownKeyIsAProblem400() throws Exception {
        var stranger = new InstanceKeyStore(TestHome.create("remote-stranger"), "stranger", "localhost").get()
                .clearsign("Hand Shake");
        var response = handshake(PORT_A, stranger, "json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        var problem = json.readTree(response.body());
        assertThat(problem.propertyNames()).containsExactly("type", "status", "title", "detail", "instance");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo("handshake failed: no remote for this key on " + URL_A);

        var unsigned = handshake(PORT_A, "Hand Shake", "json");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unsigned.body()).get("detail").asString()).startsWith("handshake failed: no remote for this key");

        var missing = http.send(HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/handshake/?output=json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).get("detail").asString()).contains("needs argument 'signed_message'");
    }

    private HttpResponse<String> handshake(int port, String signedMessage, String output) throws Exception {
        var uri = URI.create("http://localhost:" + port + "/mini_buildd/api/handshake/?signed_message="
                + URLEncoder.encode(signedMessage, StandardCharsets.UTF_8) + "&output=" + output);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode status(int port) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mini_buildd/api/status/?output=json"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> list(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    /** Three distinct ports free right now: A's, B's, and one nobody listens on. */
    private static int[] freePorts() {
        try (var a = new ServerSocket(0); var b = new ServerSocket(0); var c = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
