package org.minibuildd.api.internal;

import java.nio.charset.StandardCharsets;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiCall;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /mini_buildd/api/}: every call of the catalogue with its authorization, its arguments and their defaults,
 * as a form that runs it. Made from the same definitions the endpoint and the command line use.
 */
@RestController
class ApiPage {

    private final ApiCatalogue catalogue;

    ApiPage(ApiCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping({"/mini_buildd/api/", "/mini_buildd/api"})
    ResponseEntity<String> page() {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mini-buildd: API</title>"
                + "<link rel=\"stylesheet\" href=\"/mini-buildd.css\"></head><body><h1>API</h1>\n"
                + "<p>Every call answers <code>GET /mini_buildd/api/&lt;call&gt;/?&lt;arguments&gt;&amp;output=json|plain|html</code>; "
                + "refusals are RFC 7807 problem JSON. Calls that change things need <code>confirm=&lt;call&gt;</code>.</p>\n");
        catalogue.all().stream().sorted(java.util.Comparator.comparing(ApiCall::name)).forEach(call -> form(html, call));
        html.append("</body></html>\n");
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html.toString());
    }

    private static void form(StringBuilder html, ApiCall call) {
        var name = HtmlUtils.htmlEscape(call.name());
        html.append("<section class=\"api-call\" id=\"call-").append(name).append("\"><h2>").append(name).append("</h2>\n<p>")
                .append(HtmlUtils.htmlEscape(call.description())).append(" <em>(authorization: ").append(call.auth())
                .append(call.needsConfirmation() ? ", needs confirmation" : "").append(")</em></p>\n")
                .append("<form method=\"get\" action=\"/mini_buildd/api/").append(name).append("/\">\n");
        for (var argument : call.arguments()) {
            var id = HtmlUtils.htmlEscape(call.name() + "-" + argument.name());
            html.append("<div><label for=\"").append(id).append("\"><code>").append(HtmlUtils.htmlEscape(argument.name()))
                    .append("</code>").append(argument.required() ? " (required)" : "").append("</label> ");
            if (argument.type() == ApiArgument.Type.BOOL) {
                html.append("<input type=\"checkbox\" id=\"").append(id).append("\" name=\"")
                        .append(HtmlUtils.htmlEscape(argument.name())).append("\" value=\"true\">");
            } else if (argument.type() == ApiArgument.Type.MULTILINE) {
                html.append("<textarea id=\"").append(id).append("\" name=\"").append(HtmlUtils.htmlEscape(argument.name()))
                        .append("\" rows=\"8\" cols=\"72\"></textarea>");
            } else {
                html.append("<input type=\"text\" id=\"").append(id).append("\" name=\"").append(HtmlUtils.htmlEscape(argument.name()))
                        .append("\" placeholder=\"").append(HtmlUtils.htmlEscape(argument.defaultValue() == null ? "" : argument.defaultValue()))
                        .append("\">");
            }
            html.append(" <small>").append(HtmlUtils.htmlEscape(argument.help())).append("</small></div>\n");
        }
        if (call.needsConfirmation()) {
            html.append("<div><label>confirm <input type=\"text\" name=\"confirm\" placeholder=\"").append(name)
                    .append("\"></label> <small>type the call's name to confirm</small></div>\n");
        }
        html.append("<input type=\"hidden\" name=\"output\" value=\"html\"><button type=\"submit\">Run ").append(name)
                .append("</button></form></section>\n");
    }
}
