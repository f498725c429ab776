package org.minibuildd.repository.internal;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Answers {@code /repositories/…} in Tomcat's pipeline, before the servlet filter chain: apt fetches these files at
 * high rates, and none of the web application's filters (security, encoding, observation, Vaadin) has anything to
 * do with a public static file. Everything else goes on to the application unchanged.
 */
class RepositoryValve extends ValveBase {

    private static final String PREFIX = "/repositories";

    private final RepositoryFiles files;

    RepositoryValve(RepositoryFiles files) {
        super(true);
        this.files = files;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        var path = request.getDecodedRequestURI();
        var method = request.getMethod();
        if (path.startsWith(PREFIX + "/") && ("GET".equals(method) || "HEAD".equals(method))) {
            files.serve(request, response, path.substring(PREFIX.length()), "GET".equals(method));
            return;
        }
        if (path.equals(PREFIX)) {
            response.setStatus(301);
            response.setHeader("Location", PREFIX + "/");
            return;
        }
        getNext().invoke(request, response);
    }
}
