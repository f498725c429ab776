package org.minibuildd.repository.internal;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a static tree refuses before Tomcat's {@code DefaultServlet} looks for a file: every method but GET, HEAD
 * and OPTIONS (405, where the servlet API would answer 501 to an unknown one), hidden files and directories
 * (temp files reprepro and the daemon rename into place), and below a repository everything apt does not fetch
 * (reprepro's {@code conf/} and {@code db/}, logs). Tomcat has decoded and normalised the path already; symbolic
 * links are refused by the resource set itself.
 */
class StaticTreeRules extends HttpFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> APT_DIRS = Set.of("dists", "pool");
    /** Debian's index files have no extension; Tomcat's type mapping goes by extension only. */
    private static final String PLAIN = "text/plain;charset=UTF-8";

    private final boolean aptOnly;

    StaticTreeRules(boolean aptOnly) {
        this.aptOnly = aptOnly;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        var path = request.getPathInfo() == null ? request.getServletPath() : request.getServletPath() + request.getPathInfo();
        if (!allowed(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var name = path.substring(path.lastIndexOf('/') + 1);
        if (!name.isEmpty() && name.indexOf('.') < 0) {
            response.setContentType(PLAIN);
        }
        chain.doFilter(request, response);
    }

    /** The rules on a decoded, normalised path below the tree ({@code /test/dists/…}). */
    boolean allowed(String path) {
        var segments = path.split("/");
        int depth = 0;
        for (var segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith(".") || segment.indexOf('\\') >= 0) {
                return false;
            }
            depth++;
            if (aptOnly && depth == 2 && !APT_DIRS.contains(segment)) {
                return false;
            }
        }
        return true;
    }
}
