package org.minibuildd.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Real HTTP on loopback: a Remote that answers, and one that takes connections and never says a word. */
class RemoteStatusesTest {

    private HttpServer live;
    private ServerSocket silent;
    private final AtomicInteger silentConnections = new AtomicInteger();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));

    @BeforeEach
    void startRemotes() throws IOException {
        live = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        live.createContext("/mini_buildd/api/status/", exchange -> {
            var body = "{\"remotes\": [], \"load\": 0.5, \"chroots\": [\"bookworm:amd64\"], \"incoming_url\": \"ftp://x:8067/\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        live.start();
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                    silentConnections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stopRemotes() throws IOException {
        live.stop(0);
        silent.close();
        for (var socket : held) {
            socket.close();
        }
    }

    @Test
    void aSilentRemoteIsGivenUpAfterAFewSecondsAndLeftAloneForAWhileWhileTheOthersAnswer() {
        var statuses = new RemoteStatuses(new RemoteClient(), now::get);
        var liveUrl = "http://127.0.0.1:" + live.getAddress().getPort() + "/";
        var silentUrl = "http://127.0.0.1:" + silent.getLocalPort() + "/";

        var first = statuses.of(List.of(silentUrl, liveUrl));
        assertThat(first.keySet()).containsExactly(silentUrl, liveUrl);
        assertThat(first.get(liveUrl).answered()).isTrue();
        assertThat(first.get(liveUrl).status().get("load").asDouble()).isEqualTo(0.5);
        assertThat(first.get(silentUrl).answered()).isFalse();
        assertThat(first.get(silentUrl).problem()).contains("is not reachable", silentUrl);
        assertThat(silentConnections.get()).isEqualTo(1);

        // The next upload does not ask the silent one again, and says why; the live one is asked every time.
        var second = statuses.of(List.of(silentUrl, liveUrl));
        assertThat(second.get(silentUrl).answered()).isFalse();
        assertThat(second.get(silentUrl).problem()).contains("is not reachable", "asked again from 2026-12-06T10:00:30Z");
        assertThat(second.get(liveUrl).answered()).isTrue();
        assertThat(silentConnections.get()).isEqualTo(1);

        // Once the rest is over it is asked again.
        now.set(now.get().plus(RemoteStatuses.RETRY_AFTER));
        assertThat(statuses.of(List.of(silentUrl)).get(silentUrl).answered()).isFalse();
        assertThat(silentConnections.get()).isEqualTo(2);
    }

    @Test
    void aRemoteThatCameBackIsUsedAtOnceAfterItsRest() throws IOException {
        var statuses = new RemoteStatuses(new RemoteClient(), now::get);
        var port = live.getAddress().getPort();
        live.stop(0);
        var url = "http://127.0.0.1:" + port + "/";
        assertThat(statuses.of(List.of(url)).get(url).problem()).contains("is not reachable");

        startAgainOn(port);
        assertThat(statuses.of(List.of(url)).get(url).answered()).as("still resting").isFalse();
        now.set(now.get().plus(RemoteStatuses.RETRY_AFTER));
        assertThat(statuses.of(List.of(url)).get(url).answered()).isTrue();
    }

    private void startAgainOn(int port) throws IOException {
        live = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        live.createContext("/mini_buildd/api/status/", exchange -> {
            var body = "{\"remotes\": [], \"load\": 0.0}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        live.start();
    }
}
