package org.minibuildd.repository.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * What answering one request for a repository file comes to, independent of who writes it to the wire (the
 * front door for plain requests, the Tomcat valve for the rest): status, headers, and the body as bytes in memory
 * or a span of a file.
 *
 * @param status  HTTP status code
 * @param headers header lines in order, as name and value
 * @param length  the Content-Length (also for HEAD, where no body follows)
 * @param content the body's bytes, starting at {@code offset}; null when the body comes from {@code file}
 * @param file    the file holding the body, starting at {@code offset}; null when it is in {@code content}
 * @param offset  where the body starts in {@code content} or {@code file}
 * @param body    whether a body is sent at all (false for HEAD and 304)
 * @param wireHead the HTTP/1.1 status line and these headers with Content-Length, prepared once per file
 *                 version for plain 200 answers; null otherwise
 */
record Reply(int status, List<Header> headers, long length, byte[] content, Path file, long offset, boolean body,
             byte[] wireHead) {

    record Header(String name, String value) { }

    static Reply text(int status, String contentType, byte[] text, boolean body, Header... extra) {
        var headers = new java.util.ArrayList<Header>(extra.length + 1);
        headers.add(new Header("Content-Type", contentType));
        headers.addAll(List.of(extra));
        return new Reply(status, headers, text.length, text, null, 0, body, null);
    }

    static Reply empty(int status, Header... headers) {
        return new Reply(status, List.of(headers), 0, null, null, 0, false, null);
    }
}
