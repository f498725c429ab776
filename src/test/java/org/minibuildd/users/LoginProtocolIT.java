package org.minibuildd.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minibuildd.api.TestCalls;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.DaemonIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** mini-buildd's login protocol over real HTTP, step by step as its client does it, and the ways it must fail. */
@Import(TestCalls.class)
class LoginProtocolIT extends DaemonIT {

    @Autowired
    AdminPassword adminPassword;

    @Autowired
    UserService users;

    @BeforeEach
    void accounts() {
        TestCalls.ensureAccounts(users);
    }

    private LoginClient client() {
        return new LoginClient(url(""));
    }

    @Test
    void loginPageIsAPlainFormAndSetsExactlyOneCsrfCookie() throws Exception {
        var client = client();
        var page = client.get("/accounts/login/?next=/accounts/null/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("csrftoken=")).hasSize(1);
        var token = client.cookies("csrftoken");
        assertThat(token).hasSize(1);
        assertThat(page.body())
                .contains("name=\"username\"", "name=\"password\"", "<label for=\"id_username\">", "<label for=\"id_password\">")
                .contains("name=\"csrfmiddlewaretoken\" value=\"" + token.getFirst().getValue() + "\"")
                .contains("name=\"this_is_the_login_form\" value=\"1\"")
                .contains("name=\"next\" value=\"/accounts/null/\"");
    }

    @Test
    void theReferenceClientsLoginLandsOnNullAndTheSessionAuthorizesLaterCalls() throws Exception {
        var client = client();
        assertThat(client.get("/mini_buildd/api/test_admin/?output=json").statusCode()).isEqualTo(401);

        var landed = client.login("admin", adminPassword.password(), "/accounts/null/");
        assertThat(landed.uri().toString()).isEqualTo(url("/accounts/null/"));
        assertThat(landed.statusCode()).isEqualTo(200);

        var call = client.get("/mini_buildd/api/test_admin/?output=json");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("\"call\":\"test_admin\"");
    }

    @Test
    void nextAsTheReferenceClientSendsIt_anAbsoluteUrlOfThisSite_isFollowed() throws Exception {
        var client = client();
        var landed = client.login(TestCalls.USER, TestCalls.PASSWORD, url("/accounts/null/"));
        assertThat(landed.uri().toString()).isEqualTo(url("/accounts/null/"));
        assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordEndsOnTheLoginPageWithAnErrorAndNoSession() throws Exception {
        var client = client();
        var landed = client.login("admin", adminPassword.password() + "-wrong", "/accounts/null/");
        assertThat(landed.uri().toString()).isNotEqualTo(url("/accounts/null/"));
        assertThat(landed.uri().getPath()).isEqualTo("/accounts/login/");
        assertThat(landed.body()).contains("Login failed").contains("name=\"next\" value=\"/accounts/null/\"");
        assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownUserFailsTheSameWay() throws Exception {
        assertThat(client().login("nobody-here", "whatever")).isFalse();
    }

    @Test
    void inactiveAccountCannotLogIn() throws Exception {
        var name = "it-inactive";
        if (users.find(name).isEmpty()) {
            users.create(name, TestCalls.PASSWORD, "", Role.USER);
        }
        users.deactivate(name);
        assertThat(client().login(name, TestCalls.PASSWORD)).isFalse();
        users.activate(name);
        assertThat(client().login(name, TestCalls.PASSWORD)).isTrue();
    }

    @Test
    void missingOrWrongCsrfTokenIsRefused() throws Exception {
        for (var token : new String[] {null, "", "not-the-token"}) {
            var client = new LoginClient(url(""), HttpClient.Redirect.NEVER);
            client.csrfToken();
            var form = new LinkedHashMap<String, String>();
            form.put("username", "admin");
            form.put("password", adminPassword.password());
            if (token != null) {
                form.put("csrfmiddlewaretoken", token);
            }
            form.put("this_is_the_login_form", "1");
            form.put("next", "/accounts/null/");
            var response = client.post("/accounts/login/", form);
            // Refused outright (403), or (Vaadin's handler, for a browser whose token went stale) sent back to the
            // login page to try again; never on to next, never logged in.
            assertThat(response.statusCode()).as("token %s", token).isIn(302, 403);
            if (response.statusCode() == 302) {
                assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/accounts/login/");
            }
            assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example/", "https://evil.example/accounts/null/", "//evil.example/",
            "/\\evil.example/", "http://localhost.evil.example/", "javascript:alert(1)", "ftp://localhost/"})
    void nextNeverLeadsOffSite(String next) throws Exception {
        var client = new LoginClient(url(""), HttpClient.Redirect.NEVER);
        var response = client.login(TestCalls.USER, TestCalls.PASSWORD, next);
        assertThat(response.statusCode()).isEqualTo(302);
        var location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).doesNotContain("evil").doesNotStartWith("javascript").doesNotStartWith("ftp");
        // Logged in all the same: only the destination was refused.
        assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        var client = client();
        assertThat(client.login(TestCalls.USER, TestCalls.PASSWORD)).isTrue();
        assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(200);

        var page = client.get("/accounts/logout/");
        assertThat(page.body()).contains("logged in as <strong>" + TestCalls.USER);
        var form = new LinkedHashMap<String, String>();
        form.put("csrfmiddlewaretoken", client.cookies("csrftoken").getFirst().getValue());
        client.post("/accounts/logout/", form);
        assertThat(client.get("/mini_buildd/api/test_login/?output=json").statusCode()).isEqualTo(401);
    }

    @Test
    void nullPageAnswersLoggedInOrNot() throws Exception {
        var anonymous = client().get("/accounts/null/");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        var client = client();
        client.login(TestCalls.STAFF, TestCalls.PASSWORD);
        assertThat(client.get("/accounts/null/").body()).contains(TestCalls.STAFF);
    }
}
