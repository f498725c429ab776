package org.minibuildd.repository.internal;

import java.nio.file.Path;

/**
 * A directory of home served read-only under a URL path by Tomcat's {@code DefaultServlet}, in a web context of
 * its own (no session, no security or CSRF filters, no Vaadin).
 *
 * @param urlPath the context path, e.g. {@code /repositories}
 * @param dir     the directory served
 * @param aptOnly below each top-level directory (a repository) only what apt fetches: {@code dists/}, {@code pool/}
 */
record StaticTree(String urlPath, Path dir, boolean aptOnly) {
}
