package org.minibuildd.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.support.DaemonIT;
import org.slf4j.LoggerFactory;

/**
 * Malformed and hostile requests to every path family of the HTTP port: each answers 4xx from the server, none
 * shows a secret file (reprepro's conf, a file beside the repositories), and nothing is logged at ERROR.
 */
class HostileRequestsIT extends DaemonIT {

    private static final String SECRET = "not-for-the-web-" + System.nanoTime();
    private static final String FILE = "/repositories/hostile/dists/d/InRelease";
    private static final List<String> FAMILIES = List.of(FILE, "/mini_buildd/api/status/", "/mini_buildd/events-dir/",
            "/mini_buildd/builds-dir/", "/");

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void files() throws IOException {
        var repository = HOME.resolve("repositories/hostile");
        Files.createDirectories(repository.resolve("dists/d"));
        Files.createDirectories(repository.resolve("conf"));
        Files.writeString(repository.resolve("dists/d/InRelease"), "signed indices\n");
        Files.writeString(repository.resolve("conf/distributions"), SECRET + "\n");
        Files.writeString(HOME.resolve("secret"), SECRET + "\n");
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        root().detachAppender(logged);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void everyMalformedOrHostileRequestGetsA4xxAndNoSecret() throws Exception {
        var answers = new LinkedHashMap<String, String>();
        for (var path : FAMILIES) {
            for (var request : hostile(path).entrySet()) {
                answers.put(path + " " + request.getKey(), send(request.getValue()));
            }
        }
        var wrong = new ArrayList<String>();
        answers.forEach((what, answer) -> {
            var status = answer.lines().findFirst().orElse("(no answer)");
            if (!status.matches("HTTP/1\\.1 4\\d\\d.*") || answer.contains(SECRET) || answer.contains("root:x:0:0")
                    || answer.contains("Exception")) {
                wrong.add(what + " -> " + status);
            }
        });
        assertThat(wrong).as("requests not answered 4xx, or answered with a secret or a stack trace").isEmpty();
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /**
     * RFC 9112 §6.3 lets a server either refuse such a request or read it by its chunks and close the connection;
     * Tomcat does the latter, so a request hidden behind it is never answered.
     */
    @Test
    void transferEncodingWithContentLengthSmugglesNothing() throws Exception {
        for (var path : FAMILIES) {
            var answer = send(ascii("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Length: 5\r\n\r\n0\r\n\r\nGET /repositories/hostile/conf/distributions HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n"));
            assertThat(answer.split("HTTP/1\\.1 ", -1)).as(path).hasSize(2);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 5").contains("Connection: close").doesNotContain(SECRET);
        }
    }

    @Test
    void aWellFormedFetchStillWorksAndBadRangesOnAFileAre416() throws Exception {
        assertThat(send(get(FILE, ""))).startsWith("HTTP/1.1 200 ").contains("Content-Type: text/plain", "signed indices");
        assertThat(send(get(FILE, "Range: bytes=zz-1\r\n"))).startsWith("HTTP/1.1 416 ");
        assertThat(send(get(FILE, "Range: bytes=99999-\r\n"))).startsWith("HTTP/1.1 416 ");
        assertThat(send(get(FILE, "Range: bytes=0-5\r\n"))).startsWith("HTTP/1.1 206 ").contains("Content-Range: bytes 0-5/15");
    }

    private static Map<String, byte[]> hostile(String path) {
        var requests = new LinkedHashMap<String, byte[]>();
        requests.put("absolute-form out of the tree", get("http://localhost" + path + "/" + "../".repeat(12) + "etc/passwd", ""));
        requests.put("NUL in the path", get(path + "\0", ""));
        requests.put("%00 in the path", get(path + "%00", ""));
        requests.put("20 KB header", get(path, "X-Filler: " + "a".repeat(20_000) + "\r\n"));
        requests.put("70 KB URL", get(path + "?" + "a".repeat(70_000), ""));
        requests.put("%c0%ae traversal", get(path + "/" + "%c0%ae%c0%ae/".repeat(12) + "etc/passwd", ""));
        requests.put(".. traversal", get(path + "/" + "../".repeat(12) + "etc/passwd", ""));
        requests.put("%2e%2e%2f traversal", get(path + "%2e%2e%2f".repeat(12) + "etc/passwd", ""));
        requests.put("reprepro's conf", get("/repositories/hostile/conf/distributions", ""));
        requests.put("unknown method", ascii("BREW " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        requests.put("no Host header", ascii("GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n"));
        requests.put("garbage request line", ascii("GET\t" + path + "\tHTTP/9.9 junk\r\n\r\n"));
        return requests;
    }

    private static byte[] get(String target, String headers) {
        return ascii("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
    }

    private static byte[] ascii(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String send(byte[] request) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before a long request is written out: read what it said.
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
