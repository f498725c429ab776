package org.minibuildd.remote.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.minibuildd.remote.RemoteEndpoint;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls another instance's API as mini-buildd's own client does: GET with the arguments in the query and
 * {@code output=json}; refusals come back as RFC 7807 problem JSON, whose detail is passed on.
 */
@Component
public class RemoteClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** The remote did not answer at all (refused, unknown host, timed out): waking it may help. */
    public static final class UnreachableException extends IllegalStateException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public JsonNode status(RemoteEndpoint remote) {
        return status(remote, REQUEST_TIMEOUT);
    }

    /** {@code status}, given up after {@code timeout} (a packaging upload should not wait long for a builder). */
    public JsonNode status(RemoteEndpoint remote, Duration timeout) {
        var status = call(remote, "status", Map.of(), timeout);
        if (!status.isObject() || !status.has("remotes") || !status.has("load")) {
            throw new IllegalStateException("remote " + remote + " answered status without 'remotes' and 'load': is it a mini-buildd?");
        }
        return status;
    }

    /** The remote's armored public key; empty when the remote has none yet. */
    String pubKey(RemoteEndpoint remote) {
        var key = call(remote, "pub_key", Map.of());
        return key.isString() ? key.asString() : "";
    }

    /** Sends our signed handshake message; the remote answers with its own signed message. */
    String handshake(RemoteEndpoint remote, String signedMessage) {
        var reply = call(remote, "handshake", Map.of("signed_message", signedMessage));
        if (!reply.isString()) {
            throw new IllegalStateException("remote " + remote + " answered the handshake with no signed message");
        }
        return reply.asString();
    }

    private JsonNode call(RemoteEndpoint remote, String call, Map<String, String> arguments) {
        return call(remote, call, arguments, REQUEST_TIMEOUT);
    }

    private JsonNode call(RemoteEndpoint remote, String call, Map<String, String> arguments, Duration timeout) {
        URI uri = remote.api(call, arguments);
        var shown = arguments.isEmpty() ? uri.toString() : remote.url() + "mini_buildd/api/" + call + "/";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnreachableException("remote " + remote + " is not reachable: " + shown + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while calling " + shown, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("remote " + remote + " refused " + call + " (HTTP " + response.statusCode()
                    + "): " + problemDetail(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new IllegalStateException("remote " + remote + " answered " + call + " with something that is not JSON: " + shown, e);
        }
    }

    private String problemDetail(String body) {
        try {
            var problem = json.readTree(body);
            if (problem.has("detail")) {
                return problem.get("detail").asString();
            }
        } catch (JacksonException e) {
            // not problem JSON: show the start of what came
        }
        var text = body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String describe(IOException e) {
        var name = e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? name : name + " (" + e.getMessage() + ")";
    }
}
