package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port (8066). apt fetches repository files at high rates, and a servlet container spends most of its
 * time per request on machinery a static file does not need; so this small server owns the port, answers plain
 * GET/HEAD requests for {@code /repositories/…} itself (keep-alive, pipelining, sendfile for large files), and
 * hands every other connection, from its first request that is not such a fetch, byte for byte to Tomcat on a
 * loopback port: the UI, the API, Vaadin's push and anything unusual (encoded or dotted paths, bodies, upgrades)
 * keep Tomcat's full handling. One platform thread per connection: for this tight blocking read/write loop they
 * answered about 15 % more requests than virtual threads on our 2-core machines (bench/repository).
 */
final class FrontDoor {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    /** As Tomcat: at most 8 KiB of request head, 20 s idle between requests, at most 8192 connections. */
    private static final int HEAD_LIMIT = 8 * 1024;
    private static final int IDLE_MILLIS = 20_000;
    private static final int MAX_CONNECTIONS = 8192;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final RepositoryFiles files;
    private final ProxiedClients clients;
    private final InetAddress address;
    private final int requestedPort;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocketChannel listener;
    private volatile InetSocketAddress tomcat;
    private volatile boolean closing;
    private volatile String date = "";
    private volatile long dateSecond;

    FrontDoor(RepositoryFiles files, ProxiedClients clients, InetAddress address, int port) {
        this.files = files;
        this.clients = clients;
        this.address = address;
        this.requestedPort = port;
    }

    /** Binds the public port and starts accepting; connections that are not repository fetches go to Tomcat's port. */
    void open(int tomcatPort) throws IOException {
        tomcat = new InetSocketAddress(InetAddress.getLoopbackAddress(), tomcatPort);
        var channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(address, requestedPort), 1024);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen for HTTP on port " + requestedPort + ": " + e.getMessage(), e);
        }
        listener = channel;
        Thread.ofVirtual().name("http-accept").start(this::accept);
        log.info("HTTP on port {}: repositories answered directly, everything else by Tomcat on {}", port(), tomcat);
    }

    int port() {
        var channel = listener;
        if (channel == null) {
            return requestedPort;
        }
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return requestedPort;
        }
    }

    /** Stops taking new connections; those open finish their current request (graceful shutdown). */
    void stopAccepting() {
        closing = true;
        var channel = listener;
        if (channel != null) {
            closeQuietly(channel);
        }
    }

    void close() {
        stopAccepting();
        open.forEach(FrontDoor::closeQuietly);
    }

    private void accept() {
        var channel = listener;
        while (!closing) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                if (!closing) {
                    log.warn("HTTP accept failed: {}", e.toString());
                }
                return;
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                connections.decrementAndGet();
                closeQuietly(client);
                continue;
            }
            open.add(client);
            Thread.ofPlatform().daemon().stackSize(256 * 1024).start(() -> {
                try {
                    serve(client);
                } catch (IOException | RuntimeException e) {
                    log.debug("HTTP connection ended: {}", e.toString());
                } finally {
                    open.remove(client);
                    connections.decrementAndGet();
                    closeQuietly(client);
                }
            });
        }
    }

    private void serve(SocketChannel client) throws IOException {
        var socket = client.socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(IDLE_MILLIS);
        InputStream in = socket.getInputStream();
        var buffer = new byte[HEAD_LIMIT];
        int filled = 0;
        while (true) {
            int end;
            while ((end = headEnd(buffer, filled)) < 0) {
                if (filled == buffer.length) {
                    proxy(client, in, buffer, filled);
                    return;
                }
                int read;
                try {
                    read = in.read(buffer, filled, buffer.length - filled);
                } catch (SocketTimeoutException e) {
                    return;
                }
                if (read < 0) {
                    return;
                }
                filled += read;
                // Empty lines before a request line are to be ignored (RFC 9112, 2.2).
                int blank = 0;
                while (blank + 1 < filled && buffer[blank] == '\r' && buffer[blank + 1] == '\n') {
                    blank += 2;
                }
                if (blank > 0) {
                    System.arraycopy(buffer, blank, buffer, 0, filled - blank);
                    filled -= blank;
                }
            }
            var head = RequestHead.parse(buffer, end);
            var path = head == null ? null : head.repositoryPath();
            if (path == null) {
                proxy(client, in, buffer, filled);
                return;
            }
            boolean keepAlive = head.keepAlive() && !closing;
            var reply = files.answer(path, head.target(), head::field, head.method().equals("GET"));
            if (!write(client, reply, head, keepAlive) || !keepAlive) {
                return;
            }
            int consumed = end + 4;
            System.arraycopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }
    }

    /** Index of the blank line ending the head in {@code buffer[0, filled)}, or -1. */
    private static int headEnd(byte[] buffer, int filled) {
        for (int i = 0; i + 3 < filled; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Writes the reply; false when the connection cannot go on (the file changed under us). */
    private boolean write(SocketChannel client, Reply reply, RequestHead request, boolean keepAlive) throws IOException {
        var headBytes = head(reply, request, keepAlive);
        if (!reply.body() || reply.length() == 0) {
            writeFully(client, headBytes);
            return true;
        }
        if (reply.content() != null) {
            writeFully(client, headBytes, ByteBuffer.wrap(reply.content(), (int) reply.offset(), (int) reply.length()));
            return true;
        }
        try (var file = FileChannel.open(reply.file(), StandardOpenOption.READ)) {
            // reprepro replaces index files by renaming; if this is a different, shorter version, stop here.
            if (file.size() < reply.offset() + reply.length()) {
                return false;
            }
            writeFully(client, headBytes);
            long position = reply.offset();
            long left = reply.length();
            while (left > 0) {
                long sent = file.transferTo(position, left, client);
                if (sent <= 0) {
                    return false;
                }
                position += sent;
                left -= sent;
            }
        }
        return true;
    }

    private ByteBuffer head(Reply reply, RequestHead request, boolean keepAlive) {
        var tail = (!keepAlive ? "Connection: close\r\n" : request.version().equals("HTTP/1.0") ? "Connection: keep-alive\r\n" : "")
                + "Date: " + date() + "\r\n\r\n";
        if (reply.wireHead() != null) {
            var prepared = reply.wireHead();
            var end = tail.getBytes(StandardCharsets.ISO_8859_1);
            var bytes = java.util.Arrays.copyOf(prepared, prepared.length + end.length);
            System.arraycopy(end, 0, bytes, prepared.length, end.length);
            return ByteBuffer.wrap(bytes);
        }
        var head = new StringBuilder(256).append("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\n");
        for (var header : reply.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (reply.status() != 304) {
            head.append("Content-Length: ").append(reply.length()).append("\r\n");
        }
        return ByteBuffer.wrap(head.append(tail).toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void writeFully(SocketChannel client, ByteBuffer... buffers) throws IOException {
        long left = 0;
        for (var buffer : buffers) {
            left += buffer.remaining();
        }
        while (left > 0) {
            left -= client.write(buffers);
        }
    }

    /**
     * Hands the connection to Tomcat from the first request this class does not answer: what was read goes first,
     * then bytes flow both ways until either side closes. Tomcat learns the client's address from
     * {@link ProxiedClients}, keyed by the port of our side of the loopback connection.
     */
    private void proxy(SocketChannel client, InputStream clientIn, byte[] buffer, int filled) throws IOException {
        client.socket().setSoTimeout(0);
        try (var upstream = new Socket()) {
            upstream.setTcpNoDelay(true);
            upstream.connect(tomcat);
            int localPort = upstream.getLocalPort();
            clients.register(localPort, (InetSocketAddress) client.getRemoteAddress());
            try {
                var toTomcat = upstream.getOutputStream();
                toTomcat.write(buffer, 0, filled);
                var back = Thread.ofVirtual().start(() -> {
                    try {
                        upstream.getInputStream().transferTo(client.socket().getOutputStream());
                    } catch (IOException e) {
                        log.trace("proxied response ended: {}", e.toString());
                    } finally {
                        closeQuietly(client);
                    }
                });
                try {
                    clientIn.transferTo(toTomcat);
                    upstream.shutdownOutput();
                } catch (IOException e) {
                    log.trace("proxied request ended: {}", e.toString());
                }
                back.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                clients.unregister(localPort);
            }
        }
    }

    private String date() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            date = HTTP_DATE.format(java.time.Instant.ofEpochSecond(now));
            dateSecond = now;
        }
        return date;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 304 -> "Not Modified";
            case 404 -> "Not Found";
            case 416 -> "Range Not Satisfiable";
            default -> "Status";
        };
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            log.trace("close: {}", e.toString());
        }
    }
}
