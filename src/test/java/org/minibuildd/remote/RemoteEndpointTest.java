package org.minibuildd.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.minibuildd.config.ConfigException;

/** A Remote's endpoint in every form mini-buildd accepts, and the one form it is kept in. */
class RemoteEndpointTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "build.example.org:8066            | http://build.example.org:8066/",
            "  Build.Example.ORG:8066          | http://build.example.org:8066/",
            "http://build.example.org:8066/    | http://build.example.org:8066/",
            "http://build.example.org:8066     | http://build.example.org:8066/",
            "HTTP://build.example.org:8066/    | http://build.example.org:8066/",
            "http://build.example.org/         | http://build.example.org:80/",
            "tcp:host=build.example.org:port=8066 | http://build.example.org:8066/",
            "tcp:port=18066:host=localhost     | http://localhost:18066/",
            "tcp6:host=fe80\\:\\:1:port=8066     | http://[fe80::1]:8066/",
            "http://[::1]:8066/                | http://[::1]:8066/",
            "[::1]:8066                        | http://[::1]:8066/",
            "10.0.0.7:8066                     | http://10.0.0.7:8066/",
    })
    void everyAcceptedFormBecomesTheUrl(String given, String url) {
        var endpoint = RemoteEndpoint.parse(given);
        assertThat(endpoint.url()).isEqualTo(url);
        // The URL form reads back to itself: it is the Remote's key.
        assertThat(RemoteEndpoint.parse(endpoint.url())).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                 | is empty",
            "build.example.org                  | has no port",
            "build.example.org:http             | is not a port",
            "build.example.org:0                | is not a port",
            "build.example.org:65536            | is not a port",
            "build.example.org:8066/            | is not a port",
            "bad_host:8066                      | is not a host name",
            "-bad.example.org:8066              | is not a host name",
            "https://build.example.org:8066/    | only http:// endpoints",
            "ftp://build.example.org:8067/      | only http:// endpoints",
            "http://admin:secret@build.example.org:8066/ | no user or password",
            "http://build.example.org:8066/mini_buildd/ | without a path",
            "http://build.example.org:8066/?x=1 | without a path",
            "tcp:host=build.example.org         | needs both host= and port=",
            "tcp:build.example.org:8066         | is not name=value",
            "tls:host=build.example.org:port=8066 | only tcp",
            "http://exa mple.org:8066/          | is not a URL",
    })
    void malformedEndpointsAreRefusedNamingTheField(String given, String reason) {
        assertThatThrownBy(() -> RemoteEndpoint.parse(given))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("remotes: ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo("remotes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8066", "tcp:host=localhost:port=8066", "http://localhost:8066/"})
    void apiUrlsAnswerInJsonWithEncodedArguments(String given) {
        var uri = RemoteEndpoint.parse(given).api("handshake", Map.of("signed_message", "a b&c=\n-----"));
        assertThat(uri.toString()).isEqualTo(
                "http://localhost:8066/mini_buildd/api/handshake/?signed_message=a+b%26c%3D%0A-----&output=json");
    }

    @Test
    void noArgumentsMeansOnlyTheOutput() {
        assertThat(RemoteEndpoint.parse("localhost:8066").api("status", Map.of()))
                .hasToString("http://localhost:8066/mini_buildd/api/status/?output=json");
    }
}
