package org.minibuildd.users.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where the form login goes afterwards, mini-buildd style: on success to {@code next} (when it is safe, see
 * {@link SafeRedirect}), else to the page that asked for the login, else home; on failure back to the login page
 * with an error and the same {@code next}.
 */
final class LoginHandlers {

    private LoginHandlers() {
    }

    static AuthenticationSuccessHandler success() {
        // The default session request cache reads what Vaadin's request cache saved (it stores through one).
        var saved = new SavedRequestAwareAuthenticationSuccessHandler();
        saved.setDefaultTargetUrl("/");
        return (request, response, authentication) -> succeeded(saved, request, response, authentication);
    }

    static AuthenticationFailureHandler failure() {
        return LoginHandlers::failed;
    }

    private static void succeeded(AuthenticationSuccessHandler saved, HttpServletRequest request, HttpServletResponse response,
                                  Authentication authentication) throws IOException, ServletException {
        var next = SafeRedirect.target(request, request.getParameter("next"));
        if (next.isPresent()) {
            response.sendRedirect(next.get());
        } else {
            saved.onAuthenticationSuccess(request, response, authentication);
        }
    }

    private static void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        var next = request.getParameter("next");
        response.sendRedirect(AccountPages.LOGIN + "?error=1"
                + (next == null || next.isEmpty() ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }
}
