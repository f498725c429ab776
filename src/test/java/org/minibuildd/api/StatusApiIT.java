package org.minibuildd.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minibuildd.support.DaemonIT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The status call and API refusals, over real HTTP, in the shapes mini-buildd's clients parse. */
class StatusApiIT extends DaemonIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiPageListsEveryCallAsAFormWithItsArguments() throws Exception {
        var page = get("/mini_buildd/api/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("id=\"call-status\"", "id=\"call-sources_list\"", "id=\"call-setup\"",
                "action=\"/mini_buildd/api/sources_list/\"", "name=\"deb822\"", "new in this implementation",
                "needs confirmation", "name=\"confirm\"");
    }

    @Test
    void statusHasTheReferenceShape() throws Exception {
        var response = get("/mini_buildd/api/status/?output=json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode status = json.readTree(response.body());
        // Same keys, same order as shared/reference/api-samples/status.json.
        assertThat(status.propertyNames()).containsExactly("version", "identity", "url", "incoming_url", "load", "chroots", "remotes");
        assertThat(status.get("identity").asString()).isEqualTo(IDENTITY);
        assertThat(status.get("url").asString()).isEqualTo("http://build.example.org:8066");
        assertThat(status.get("incoming_url").asString()).isEqualTo("ftp://build.example.org:8067");
        assertThat(status.get("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(status.get("load").isNumber()).isTrue();
        assertThat(status.get("load").asDouble()).isZero();
        assertThat(status.get("chroots").isArray()).isTrue();
        // The active chroots: other tests of this shared daemon may have activated some; each is <codename>:<arch>.
        status.get("chroots").forEach(chroot -> assertThat(chroot.asString()).matches("[a-z0-9-]+:[a-z0-9]+"));
        assertThat(status.get("remotes").isEmpty()).isTrue();
    }

    @Test
    void statusWithRepositoriesAddsThemByIdentity() throws Exception {
        var status = json.readTree(get("/mini_buildd/api/status/?with_repositories=true&output=json").body());
        assertThat(status.propertyNames()).endsWith("remotes", "repositories");
        // Other tests of this daemon may have set up repositories; each has the reference's shape.
        assertThat(status.get("repositories").isObject()).isTrue();
        status.get("repositories").forEach(repository -> {
            assertThat(repository.propertyNames()).containsExactly("codenames", "layout");
            repository.get("layout").forEach(suite ->
                    assertThat(suite.propertyNames()).containsExactly("uploadable", "experimental", "migrates_to"));
        });
        assertThat(json.readTree(get("/mini_buildd/api/status/?output=json").body()).has("repositories")).isFalse();
    }

    @Test
    void statusAnswersWithoutTrailingSlashAndInPlainAndHtml() throws Exception {
        assertThat(get("/mini_buildd/api/status?output=json").statusCode()).isEqualTo(200);
        var plain = get("/mini_buildd/api/status/?output=plain");
        assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(plain.body()).contains("\"identity\" : \"" + IDENTITY + "\"");
        var html = get("/mini_buildd/api/status/?output=html");
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body()).contains("<h1>status</h1>").contains(IDENTITY);
    }

    @Test
    void unknownCallIsAProblem404() throws Exception {
        var response = get("/mini_buildd/api/no_such_call/?output=json");
        assertProblem(response, 404, "Unknown API call", "There is no API call 'no_such_call'");
    }

    @Test
    void malformedArgumentIsAProblem400NamingTheArgument() throws Exception {
        var response = get("/mini_buildd/api/status/?with_repositories=perhaps&output=json");
        assertProblem(response, 400, "Invalid argument", "argument 'with_repositories' must be true or false, not \"perhaps\"");
    }

    @Test
    void unknownOutputIsAProblem400() throws Exception {
        assertProblem(get("/mini_buildd/api/status/?output=xml"), 400, "Invalid argument", "output must be one of json, html, plain");
    }

    private void assertProblem(HttpResponse<String> response, int status, String title, String detail) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        var problem = json.readTree(response.body());
        assertThat(problem.propertyNames()).containsExactly("type", "status", "title", "detail", "instance");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("detail").asString()).contains(detail);
        assertThat(List.of(problem.get("type").asString(), problem.get("instance").asString())).containsOnly("about:blank");
    }
}
