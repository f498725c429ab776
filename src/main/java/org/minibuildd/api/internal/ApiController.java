package org.minibuildd.api.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
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

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json");

    private final ApiCatalogue catalogue;
    private final JsonMapper json;

    ApiController(ApiCatalogue catalogue, JsonMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    @GetMapping({"/mini_buildd/api/{name}/", "/mini_buildd/api/{name}"})
    ResponseEntity<String> call(@PathVariable String name, @RequestParam Map<String, String> query) {
        var call = catalogue.find(name).orElseThrow(() -> new ApiException(404, "Unknown API call",
                "There is no API call '" + name + "'; the API page /mini_buildd/api/ lists them all"));
        if (call.auth() != Auth.NONE) {
            // Accounts arrive with the users module; until then only anonymous calls can be authorised.
            throw new ApiException(401, "No permission -- see authorization schemes",
                    "API call '" + call.name() + "' needs authorization: " + call.auth());
        }
        var result = call.run(ApiArguments.parse(call, query));
        var output = query.getOrDefault("output", "json");
        return switch (output) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(result));
            case "plain" -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                    .body(json.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
            case "html" -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .body(html(call.name(), json.writerWithDefaultPrettyPrinter().writeValueAsString(result)));
            default -> throw new ApiException(400, "Invalid argument",
                    "output must be one of json, html, plain, not \"" + output + "\"");
        };
    }

    private static String html(String name, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>mini-buildd: " + HtmlUtils.htmlEscape(name)
                + "</title></head><body><h1>" + HtmlUtils.htmlEscape(name) + "</h1><pre>" + HtmlUtils.htmlEscape(body)
                + "</pre></body></html>\n";
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> refused(ApiException e) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("status", e.status());
        problem.put("title", e.title());
        problem.put("detail", e.getMessage());
        problem.put("instance", "about:blank");
        return ResponseEntity.status(e.status()).contentType(PROBLEM_JSON).body(json.writeValueAsString(problem));
    }
}
