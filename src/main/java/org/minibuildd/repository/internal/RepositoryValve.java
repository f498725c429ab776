package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Answers {@code /repositories/…} (and the build and event logs under {@code /mini_buildd/builds-dir/} and
 * {@code /mini_buildd/events-dir/}) in Tomcat's pipeline, before the servlet filter chain, for the requests the
 * {@link FrontDoor} passes on (encoded or dotted paths, which Tomcat decodes and normalises first): none of the web
 * application's filters (security, encoding, observation, Vaadin) has anything to do with a public static file.
 * Everything else goes on to the application unchanged.
 */
class RepositoryValve extends ValveBase {

    private static final long SENDFILE_FROM = 48 * 1024;

    private final List<RepositoryFiles> trees;

    /** Serves each tree under its prefix (the repositories, and the build and event logs). */
    RepositoryValve(List<RepositoryFiles> trees) {
        super(true);
        this.trees = List.copyOf(trees);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        var path = request.getDecodedRequestURI();
        var method = request.getMethod();
        for (var files : trees) {
            var prefix = files.prefix();
            if (path.startsWith(prefix + "/") && ("GET".equals(method) || "HEAD".equals(method))) {
                write(request, response, files.answer(path.substring(prefix.length()), request.getRequestURI(),
                        request::getHeader, "GET".equals(method)));
                return;
            }
            if (path.equals(prefix)) {
                response.setStatus(301);
                response.setHeader("Location", prefix + "/");
                return;
            }
        }
        getNext().invoke(request, response);
    }

    private static void write(Request request, Response response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        for (var header : reply.headers()) {
            if (header.name().equals("Content-Type")) {
                response.setContentType(header.value());
            } else {
                response.setHeader(header.name(), header.value());
            }
        }
        if (reply.status() == 304 || reply.status() == 301) {
            return;
        }
        response.setContentLengthLong(reply.length());
        if (!reply.body() || reply.length() == 0) {
            return;
        }
        if (reply.content() != null) {
            response.getOutputStream().write(reply.content(), (int) reply.offset(), (int) reply.length());
            return;
        }
        long start = reply.offset();
        if (reply.length() >= SENDFILE_FROM && Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support"))) {
            request.setAttribute("org.apache.tomcat.sendfile.filename", reply.file().toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", start);
            request.setAttribute("org.apache.tomcat.sendfile.end", start + reply.length());
            return;
        }
        try (InputStream in = Files.newInputStream(reply.file())) {
            in.skipNBytes(start);
            var out = response.getOutputStream();
            var buffer = new byte[(int) Math.min(64 * 1024, reply.length())];
            long left = reply.length();
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }
}
