package org.minibuildd.api.internal;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.config.ConfigException;
import org.minibuildd.events.Problem;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /mini_buildd/api/<call>/?<args>&output=json|html|plain}: finds the call, checks authorization and
 * arguments, runs it and renders the result. Refusals are RFC 7807 problem JSON, as mini-buildd's clients expect.
 */
@RestController
class ApiController {

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);

    private final ApiCatalogue catalogue;
    private final UserService users;
    private final JsonMapper json;

    ApiController(ApiCatalogue catalogue, UserService users, JsonMapper json) {
        this.catalogue = catalogue;
        this.users = users;
        this.json = json;
    }

    @GetMapping({"/mini_buildd/api/{name}/", "/mini_buildd/api/{name}"})
    ResponseEntity<String> call(@PathVariable String name, @RequestParam Map<String, String> query, Principal caller) {
        var call = catalogue.find(name).orElseThrow(() -> new ApiException(404, "Unknown API call",
                "There is no API call '" + name + "'; the API page /mini_buildd/api/ lists them all"));
        authorize(call, caller);
        // As mini-buildd: authorization first, then confirmation; its client retries with confirm=<call>.
        if (call.needsConfirmation() && !call.name().equals(query.get("confirm"))) {
            throw new ApiException(400, "Confirmation needed",
                    "API call '" + call.name() + "' needs to be confirmed: " + call.name());
        }
        var arguments = ApiArguments.parse(call, query, caller == null ? null : caller.getName());
        var result = call.run(arguments);
        var output = query.getOrDefault("output", "json");
        return switch (output) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(result));
            // As mini-buildd: a text result (a key, a signed message) as it is, anything else as pretty JSON.
            case "plain" -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                    .body(result instanceof String text ? text
                            : json.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
            case "html" -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .body(html(call.name(), json.writerWithDefaultPrettyPrinter().writeValueAsString(result), call.link(arguments)));
            default -> throw new ApiException(400, "Invalid argument",
                    "output must be one of json, html, plain, not \"" + output + "\"");
        };
    }

    /**
     * Anonymous (or a deactivated account's old session) for a call that needs a login: 401, as mini-buildd.
     * Logged in but with too small a role: 403, the one place we are more precise than mini-buildd (which says 401).
     * The role is read from the account at each call, so role changes apply to open sessions at once.
     */
    private void authorize(ApiCall call, Principal caller) {
        if (call.auth() == Auth.NONE) {
            return;
        }
        var needs = "API call '" + call.name() + "' needs authorization: " + call.auth();
        var role = caller == null ? Optional.<Role>empty() : users.activeRole(caller.getName());
        if (role.isEmpty()) {
            throw new ApiException(401, "No permission -- see authorization schemes", needs);
        }
        if (!role.get().includes(needed(call.auth()))) {
            throw new ApiException(403, "Request forbidden -- authorization will not help",
                    needs + " (user '" + caller.getName() + "' has role " + role.get() + ")");
        }
    }

    private static Role needed(Auth auth) {
        return switch (auth) {
            case NONE, LOGIN -> Role.USER;
            case STAFF -> Role.STAFF;
            case ADMIN -> Role.ADMIN;
        };
    }

    private static String html(String name, String body, Optional<org.minibuildd.api.ApiLink> link) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>mini-buildd: " + HtmlUtils.htmlEscape(name)
                + "</title></head><body><h1>" + HtmlUtils.htmlEscape(name) + "</h1>"
                + link.map(l -> "<p><a href=\"" + HtmlUtils.htmlEscape(l.href()) + "\">" + HtmlUtils.htmlEscape(l.text()) + "</a></p>").orElse("")
                + "<pre>" + HtmlUtils.htmlEscape(body) + "</pre></body></html>\n";
    }

    /** A configuration value a call refused names its field: the caller's mistake, so 400. */
    @ExceptionHandler(ConfigException.class)
    ResponseEntity<String> invalid(ConfigException e) {
        return refused(new ApiException(400, "Invalid argument", e.getMessage()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> refused(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(PROBLEM_JSON)
                .body(json.writeValueAsString(Problem.of(e.status(), e.title(), e.getMessage()).toJson()));
    }
}
