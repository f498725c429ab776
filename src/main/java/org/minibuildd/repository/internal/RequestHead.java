package org.minibuildd.repository.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.x request as the {@link FrontDoor} reads it: request line and header fields. It only
 * needs to recognise the plain repository fetches it answers itself; anything it does not fully understand goes
 * to Tomcat unchanged, so this parser may be strict.
 *
 * @param method  request method
 * @param target  request target as sent (still percent-encoded)
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param fields  header fields by lower-case name (a repeated field keeps its last value)
 */
record RequestHead(String method, String target, String version, Map<String, String> fields) {

    private static final String PREFIX = "/repositories/";

    /** Parses {@code length} bytes of a request head (without the blank line that ends it), or null if malformed. */
    static RequestHead parse(byte[] bytes, int length) {
        var text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        var lines = text.split("\r\n", -1);
        var request = lines[0].split(" ", -1);
        if (request.length != 3 || !(request[2].equals("HTTP/1.1") || request[2].equals("HTTP/1.0"))) {
            return null;
        }
        var fields = new HashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            // Obsolete line folding and names with blanks are malformed for us; Tomcat decides what to do with them.
            if (colon <= 0 || lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t'
                    || lines[i].substring(0, colon).contains(" ")) {
                return null;
            }
            fields.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new RequestHead(request[0], request[1], request[2], fields);
    }

    String field(String name) {
        return fields.get(name.toLowerCase(Locale.ROOT));
    }

    boolean keepAlive() {
        var connection = fields.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
    }

    /**
     * The path below {@code /repositories} when this is a plain GET or HEAD of a repository file that the front
     * door may answer itself, else null. Plain means: no body, no upgrade, no query, and a path whose decoding
     * holds no slash, backslash or NUL and no dot segment — requests like those are left to Tomcat, which
     * normalises or refuses them.
     */
    String repositoryPath() {
        if (!(method.equals("GET") || method.equals("HEAD")) || !target.startsWith(PREFIX)
                || fields.containsKey("content-length") || fields.containsKey("transfer-encoding")
                || fields.containsKey("upgrade") || fields.containsKey("expect")) {
            return null;
        }
        var path = decode(target.substring(PREFIX.length() - 1));
        if (path == null) {
            return null;
        }
        for (var segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return path;
    }

    /** Percent-decodes a path as UTF-8, or null if it is not plain (see {@link #repositoryPath()}). */
    static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return plainPath(path) ? path : null;
        }
        var out = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return null;
                }
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                int b = high << 4 | low;
                if (b == '/' || b == '\\' || b == 0) {
                    return null;
                }
                out.write(b);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                out.write(c);
            }
        }
        var decoded = out.toString(StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') < 0 && plainPath(path.replaceAll("%[0-9a-fA-F]{2}", "x")) ? decoded : null;
    }

    private static boolean plainPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '?' || c == '#' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
