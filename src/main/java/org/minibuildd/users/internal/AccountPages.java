package org.minibuildd.users.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The account pages that are plain HTML, not Vaadin: mini-buildd's clients log in by fetching the login page for
 * its {@code csrftoken} cookie and posting the form (Spring Security's form login handles the post), then check
 * they land on {@code /accounts/null/}.
 */
@Controller
class AccountPages {

    static final String LOGIN = "/accounts/login/";
    static final String LOGOUT = "/accounts/logout/";
    static final String NULL = "/accounts/null/";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @GetMapping({LOGIN, "/accounts/login"})
    ResponseEntity<String> login(HttpServletRequest request, Principal user,
                                 @RequestParam(required = false) String error, @RequestParam(defaultValue = "") String next) {
        // Reading the token makes the repository set the csrftoken cookie on this answer (tokens are deferred).
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        var body = new StringBuilder();
        if (error != null) {
            body.append("<p id=\"login-error\" class=\"error\" role=\"alert\">Login failed: wrong user name or password, "
                    + "or the account is not active.</p>\n");
        }
        if (user != null) {
            body.append("<p id=\"login-state\">You are logged in as <strong>").append(escape(user.getName()))
                    .append("</strong>. <a href=\"").append(LOGOUT).append("\">Log out</a> or log in as someone else:</p>\n");
        }
        body.append("<form method=\"post\" action=\"").append(LOGIN).append("\">\n")
                .append(hidden(csrf.getParameterName(), csrf.getToken()))
                .append(hidden("this_is_the_login_form", "1"))
                .append(hidden("next", next))
                .append("<p><label for=\"id_username\">User name</label><br>"
                        + "<input type=\"text\" name=\"username\" id=\"id_username\" autocomplete=\"username\" "
                        + "autocapitalize=\"none\" maxlength=\"150\" required autofocus></p>\n")
                .append("<p><label for=\"id_password\">Password</label><br>"
                        + "<input type=\"password\" name=\"password\" id=\"id_password\" autocomplete=\"current-password\" required></p>\n")
                .append("<p><button type=\"submit\" id=\"login-submit\">Log in</button></p>\n")
                .append("</form>\n")
                .append("<p><a href=\"/\">Back to the dashboard</a></p>\n");
        return page("Log in", body.toString());
    }

    @GetMapping({LOGOUT, "/accounts/logout"})
    ResponseEntity<String> logout(HttpServletRequest request, Principal user) {
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        var who = user == null ? "You are not logged in." : "You are logged in as <strong>" + escape(user.getName()) + "</strong>.";
        // Logging out changes state, so it is a POST with the CSRF token, not a link anybody could plant.
        return page("Log out", "<p>" + who + "</p>\n<form method=\"post\" action=\"" + LOGOUT + "\">\n"
                + hidden(csrf.getParameterName(), csrf.getToken())
                + "<p><button type=\"submit\" id=\"logout-submit\">Log out</button></p>\n</form>\n"
                + "<p><a href=\"/\">Back to the dashboard</a></p>\n");
    }

    /** Where mini-buildd's client lands after a successful login: it only checks the URL. */
    @GetMapping({NULL, "/accounts/null"})
    ResponseEntity<String> landing(Principal user) {
        return page("Logged in", "<p>" + (user == null ? "Not logged in." : "Logged in as " + escape(user.getName()) + ".") + "</p>\n");
    }

    private static ResponseEntity<String> page(String title, String body) {
        return ResponseEntity.ok().contentType(HTML).body("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>mini-buildd: " + title + "</title></head>\n<body>\n<main>\n<h1>" + title + "</h1>\n"
                + body + "</main>\n</body>\n</html>\n");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
