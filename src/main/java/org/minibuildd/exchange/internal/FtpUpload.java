package org.minibuildd.exchange.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Uploads files to an instance's FTP incoming, as mini-buildd sends build requests and build results: anonymous
 * login, binary passive transfers into {@code /incoming}, the listed files first and the {@code .changes} last, so
 * the receiver never sees a {@code .changes} before its files. A file the server already holds complete (reply
 * 553, as after a resend following a crash) counts as delivered. Any other refusal fails with the server's reply.
 */
public final class FtpUpload {

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(60).toMillis();

    private FtpUpload() {
    }

    /** Uploads {@code files} in order to {@code target} ({@code ftp://host:port}). */
    public static void upload(String target, List<Path> files) throws IOException {
        var uri = URI.create(target);
        if (!"ftp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException("not an FTP endpoint: " + target);
        }
        int port = uri.getPort() < 0 ? 21 : uri.getPort();
        try (var control = new Socket()) {
            control.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MILLIS);
            control.setSoTimeout(TIMEOUT_MILLIS);
            var in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
            var out = control.getOutputStream();
            expect(in, target, "connect", 220);
            command(out, "USER anonymous");
            var user = reply(in);
            if (user.code() == 331) {
                command(out, "PASS mini-buildd@");
                expect(in, target, "PASS", 230);
            } else if (user.code() != 230) {
                throw refused(target, "USER", user);
            }
            command(out, "TYPE I");
            expect(in, target, "TYPE I", 200);
            command(out, "CWD /incoming");
            expect(in, target, "CWD /incoming", 250);
            for (var file : files) {
                store(in, out, uri.getHost(), target, file);
            }
            command(out, "QUIT");
        }
    }

    private static void store(BufferedReader in, OutputStream out, String host, String target, Path file) throws IOException {
        command(out, "PASV");
        var pasv = reply(in);
        if (pasv.code() != 227) {
            throw refused(target, "PASV", pasv);
        }
        var m = PASV.matcher(pasv.text());
        if (!m.find()) {
            throw new IOException(target + ": cannot read the passive address in \"" + pasv.text() + "\"");
        }
        int dataPort = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        var name = file.getFileName().toString();
        try (var data = new Socket()) {
            // The control connection's host, not the advertised address: behind NAT the latter may be private.
            data.connect(new InetSocketAddress(host, dataPort), TIMEOUT_MILLIS);
            command(out, "STOR " + name);
            var start = reply(in);
            if (start.code() == 553 && start.text().contains("already in incoming")) {
                return;
            }
            if (start.code() != 150 && start.code() != 125) {
                throw refused(target, "STOR " + name, start);
            }
            try (var stream = data.getOutputStream()) {
                Files.copy(file, stream);
            }
        }
        var done = reply(in);
        if (done.code() != 226 && done.code() != 250) {
            throw refused(target, "STOR " + name, done);
        }
    }

    private record Reply(int code, String text) { }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One reply, multi-line replies ({@code 123-…} up to {@code 123 …}) read to their end. */
    private static Reply reply(BufferedReader in) throws IOException {
        var line = in.readLine();
        if (line == null || line.length() < 3) {
            throw new IOException("the FTP server closed the connection");
        }
        var text = new StringBuilder(line);
        if (line.length() > 3 && line.charAt(3) == '-') {
            var end = line.substring(0, 3) + " ";
            String next;
            while ((next = in.readLine()) != null) {
                text.append('\n').append(next);
                if (next.startsWith(end)) {
                    break;
                }
            }
        }
        try {
            return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
        } catch (NumberFormatException e) {
            throw new IOException("not an FTP reply: \"" + line + "\"");
        }
    }

    private static void expect(BufferedReader in, String target, String what, int code) throws IOException {
        var reply = reply(in);
        if (reply.code() != code) {
            throw refused(target, what, reply);
        }
    }

    private static IOException refused(String target, String what, Reply reply) {
        return new IOException(target + " refused " + what + ": " + reply.text());
    }
}
