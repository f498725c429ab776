package org.minibuildd.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * An APT archive on a local port for tests: serves exactly the files put into it (an InRelease, say) and 404
 * for everything else, so Sources verify without the network.
 */
public final class LocalArchive implements AutoCloseable {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final HttpServer server;

    private LocalArchive(HttpServer server) {
        this.server = server;
    }

    public static LocalArchive start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var archive = new LocalArchive(server);
            server.createContext("/", exchange -> {
                var body = archive.files.get(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
                if (body != null) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An archive at {@code /debian/} with this machine's real bookworm and bookworm-backports InRelease (security
     * left out), enough for {@code setup} to make a bookworm distribution without the network.
     */
    public static LocalArchive bookworm() {
        var archive = start();
        try {
            for (var suite : java.util.List.of("bookworm", "bookworm-backports")) {
                archive.put("/debian/dists/" + suite + "/InRelease", java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_" + suite + "_InRelease")));
            }
        } catch (IOException e) {
            archive.close();
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /** Serves the bytes at the path (e.g. {@code /debian/dists/bookworm/InRelease}). */
    public void put(String path, byte[] content) {
        files.put(path, content);
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
