package org.minibuildd.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A bare FTP control connection, for what real clients would not do: commands they never send, or a transfer
 * that stops in the middle of a file.
 */
public final class RawFtp implements AutoCloseable {

    private static final Pattern LAST_LINE = Pattern.compile("\\d{3} .*");
    private static final Pattern PASSIVE = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final Socket control;
    private final BufferedReader in;
    private final OutputStream out;
    private Socket data;

    private RawFtp(int port) throws IOException {
        control = new Socket("localhost", port);
        control.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
        out = control.getOutputStream();
    }

    /** Connected and logged in anonymously, as dput does. */
    public static RawFtp login(int port) throws IOException {
        var ftp = new RawFtp(port);
        assertThat(ftp.reply()).startsWith("220");
        assertThat(ftp.send("USER anonymous")).startsWith("331");
        assertThat(ftp.send("PASS test@example.org")).startsWith("230");
        return ftp;
    }

    /** Starts a binary {@code STOR /incoming/<name>} in passive mode and hands out the data connection to write to. */
    public OutputStream store(String name) throws IOException {
        assertThat(send("TYPE I")).startsWith("200");
        var pasv = send("PASV");
        var m = PASSIVE.matcher(pasv);
        assertThat(m.find()).as(pasv).isTrue();
        data = new Socket("localhost", Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
        assertThat(send("STOR /incoming/" + name)).startsWith("150");
        return data.getOutputStream();
    }

    public String send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** The reply's last line (multi-line replies end with "<code> "). */
    public String reply() throws IOException {
        for (var line = in.readLine(); ; line = in.readLine()) {
            if (line == null) {
                throw new IOException("connection closed");
            }
            if (LAST_LINE.matcher(line).matches()) {
                return line;
            }
        }
    }

    @Override
    public void close() {
        for (var socket : new Socket[] {data, control}) {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // the server may be gone already
            }
        }
    }
}
