package org.minibuildd.users.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Wrong HTTP Basic credentials on the API: a 401 in the API's RFC 7807 shape, so API clients show the reason like
 * any other refusal. No {@code WWW-Authenticate} challenge: a browser opening an API page must not pop up a
 * password dialog; the login page is the way in for people.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"status\":401,\"title\":\"No permission -- see authorization schemes\","
                + "\"detail\":\"Login failed: wrong user name or password, or the account is not active\",\"instance\":\"about:blank\"}");
    }
}
