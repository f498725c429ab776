package org.minibuildd.users.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minibuildd.events.Problem;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wrong HTTP Basic credentials on the API: a 401 in the API's RFC 7807 shape, so API clients show the reason like
 * any other refusal. No {@code WWW-Authenticate} challenge: a browser opening an API page must not pop up a
 * password dialog; the login page is the way in for people.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint {

    private final JsonMapper json;

    ProblemEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(Problem.of(HttpServletResponse.SC_UNAUTHORIZED,
                "No permission -- see authorization schemes",
                "Login failed: wrong user name or password, or the account is not active").toJson()));
    }
}
