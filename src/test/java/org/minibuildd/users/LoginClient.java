package org.minibuildd.users;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP client that logs in the way mini-buildd's own client does (see shared/reference/client-protocol.md):
 * cookies kept, redirects followed, the login page's {@code csrftoken} cookie posted back as
 * {@code csrfmiddlewaretoken}, and success judged by the final URL alone.
 */
public class LoginClient {

    private final String endpoint;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public LoginClient(String endpoint) {
        this(endpoint, HttpClient.Redirect.NORMAL);
    }

    public LoginClient(String endpoint, HttpClient.Redirect redirects) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(redirects).build();
    }

    public String endpoint() {
        return endpoint;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public List<HttpCookie> cookies(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList();
    }

    /** The reference client's step 1: the login page, which must set exactly one csrftoken cookie. */
    public String csrfToken() throws IOException, InterruptedException {
        get("/accounts/login/");
        var tokens = cookies("csrftoken");
        if (tokens.size() != 1) {
            throw new IllegalStateException(tokens.size() + " csrftoken cookies after the login page (need exactly 1)");
        }
        return tokens.getFirst().getValue();
    }

    /** Steps 1 to 3 with the given {@code next}; the caller judges the final URL. */
    public HttpResponse<String> login(String username, String password, String next) throws IOException, InterruptedException {
        var form = new LinkedHashMap<String, String>();
        form.put("username", username);
        form.put("password", password);
        form.put("csrfmiddlewaretoken", csrfToken());
        form.put("this_is_the_login_form", "1");
        form.put("next", next);
        return post("/accounts/login/", form);
    }

    /** Logged in exactly when the final URL is {@code <endpoint>/accounts/null/}, as the reference client decides. */
    public boolean login(String username, String password) throws IOException, InterruptedException {
        return login(username, password, "/accounts/null/").uri().toString().equals(endpoint + "/accounts/null/");
    }
}
