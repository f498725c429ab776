package org.minibuildd.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.DaemonIT;
import org.minibuildd.users.LoginClient;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization levels of API calls (NONE, LOGIN, STAFF, ADMIN) for every kind of caller, logged in by
 * session (the reference client's way) and by HTTP Basic (curl's), and the confirmation of changing calls.
 */
@Import(TestCalls.class)
class AuthorizationIT extends DaemonIT {

    private static final List<String> CALLS = List.of("test_none", "test_login", "test_staff", "test_admin");

    /** Expected status per caller, in the order of {@link #CALLS}. */
    private static final Map<String, List<Integer>> EXPECTED = Map.of(
            "anonymous", List.of(200, 401, 401, 401),
            TestCalls.USER, List.of(200, 200, 403, 403),
            TestCalls.STAFF, List.of(200, 200, 200, 403),
            TestCalls.ADMIN, List.of(200, 200, 200, 200),
            "admin", List.of(200, 200, 200, 200));

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    UserService users;

    @Autowired
    AdminPassword adminPassword;

    @BeforeEach
    void accounts() {
        TestCalls.ensureAccounts(users);
    }

    private String password(String user) {
        return user.equals("admin") ? adminPassword.password() : TestCalls.PASSWORD;
    }

    @Test
    void levelsWithASessionFromTheLoginForm() throws Exception {
        for (var caller : EXPECTED.keySet()) {
            var client = new LoginClient(url(""));
            if (!caller.equals("anonymous")) {
                assertThat(client.login(caller, password(caller))).as("login of %s", caller).isTrue();
            }
            for (int i = 0; i < CALLS.size(); i++) {
                var response = client.get("/mini_buildd/api/" + CALLS.get(i) + "/?output=json");
                check(caller, CALLS.get(i), EXPECTED.get(caller).get(i), response);
            }
        }
    }

    @Test
    void levelsWithHttpBasic() throws Exception {
        for (var caller : EXPECTED.keySet()) {
            for (int i = 0; i < CALLS.size(); i++) {
                var response = basic(caller.equals("anonymous") ? null : caller, password(caller), CALLS.get(i) + "/?output=json");
                check(caller, CALLS.get(i), EXPECTED.get(caller).get(i), response);
                // Basic is per request: no session is opened for it.
                assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
            }
        }
    }

    @Test
    void anonymousRefusalHasExactlyTheReferenceShape() throws Exception {
        var response = basic(null, null, "test_admin/?output=json");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        // shared/reference/api-samples/error-stop-anonymous.json, for our call name.
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree(
                "{\"type\": \"about:blank\", \"status\": 401, \"title\": \"No permission -- see authorization schemes\", "
                        + "\"detail\": \"API call 'test_admin' needs authorization: ADMIN\", \"instance\": \"about:blank\"}"));
    }

    @Test
    void tooSmallARoleIsA403InTheSameShape() throws Exception {
        var problem = json.readTree(basic(TestCalls.STAFF, TestCalls.PASSWORD, "test_admin/?output=json").body());
        assertThat(problem.propertyNames()).containsExactly("type", "status", "title", "detail", "instance");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("title").asString()).isEqualTo("Request forbidden -- authorization will not help");
        assertThat(problem.get("detail").asString()).startsWith("API call 'test_admin' needs authorization: ADMIN")
                .contains(TestCalls.STAFF).contains("STAFF");
    }

    @Test
    void wrongBasicCredentialsAreA401Problem() throws Exception {
        for (var user : List.of(TestCalls.ADMIN, "nobody-at-all")) {
            var response = basic(user, "wrong password", "test_none/?output=json");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            var problem = json.readTree(response.body());
            assertThat(problem.propertyNames()).containsExactly("type", "status", "title", "detail", "instance");
            assertThat(problem.get("detail").asString()).contains("Login failed");
        }
    }

    @Test
    void changingCallsNeedConfirmationAsTheReferenceAsksForIt() throws Exception {
        var refused = basic(TestCalls.USER, TestCalls.PASSWORD, "test_confirm/?output=json");
        assertThat(refused.statusCode()).isEqualTo(400);
        var problem = json.readTree(refused.body());
        assertThat(problem.get("detail").asString()).isEqualTo("API call 'test_confirm' needs to be confirmed: test_confirm");
        assertThat(basic(TestCalls.USER, TestCalls.PASSWORD, "test_confirm/?confirm=stop&output=json").statusCode()).isEqualTo(400);

        var confirmed = basic(TestCalls.USER, TestCalls.PASSWORD, "test_confirm/?confirm=test_confirm&output=json");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("\"ran\":true");
        // Authorization comes first: an anonymous caller learns it must log in, not that it must confirm.
        assertThat(basic(null, null, "test_confirm/?output=json").statusCode()).isEqualTo(401);
    }

    @Test
    void roleChangesAndDeactivationApplyToOpenSessions() throws Exception {
        var name = "it-changing";
        if (users.find(name).isEmpty()) {
            users.create(name, TestCalls.PASSWORD, "", Role.USER);
        }
        users.setRole(name, Role.USER);
        users.activate(name);
        var client = new LoginClient(url(""));
        assertThat(client.login(name, TestCalls.PASSWORD)).isTrue();
        assertThat(client.get("/mini_buildd/api/test_staff/?output=json").statusCode()).isEqualTo(403);

        users.setRole(name, Role.STAFF);
        assertThat(client.get("/mini_buildd/api/test_staff/?output=json").statusCode()).isEqualTo(200);

        users.deactivate(name);
        assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(401);
        users.activate(name);
    }

    private HttpResponse<String> basic(String user, String password, String call) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url("/mini_buildd/api/" + call)));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void check(String caller, String call, int expected, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s calling %s", caller, call).isEqualTo(expected);
        if (expected == 200) {
            assertThat(response.body()).contains("\"call\":\"" + call + "\"");
        } else {
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            var problem = json.readTree(response.body());
            assertThat(problem.propertyNames()).containsExactly("type", "status", "title", "detail", "instance");
            assertThat(problem.get("status").asInt()).isEqualTo(expected);
            assertThat(problem.get("detail").asString()).startsWith("API call '" + call + "' needs authorization: ");
        }
    }
}
