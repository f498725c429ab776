package org.minibuildd.builder.internal;

import java.util.stream.Collectors;

/**
 * The requesting packager's repositories as a build request's apt lines name them ({@code <packager URL>/repositories/})
 * and as the build reaches them. A request of our own packager names our public URL, whose host name may resolve on
 * this host only (Debian's {@code 127.0.1.1 <hostname>} in {@code /etc/hosts}, which schroot's sbuild profile does not
 * copy into the session); builds share the host's network, so they reach our repositories at the loopback address
 * and the port the daemon really listens on. A Remote's request keeps its URL: it is the one the Remote gave us.
 *
 * @param published the prefix the request's lines use; empty when the request names no packager
 * @param reachable the prefix the build uses instead
 */
record PackagerRepository(String published, String reachable) {

    static final String PATH = "/repositories/";

    static PackagerRepository of(String packagerUrl, String ownUrl, int ownPort) {
        var packager = packagerUrl == null ? "" : packagerUrl.strip().replaceAll("/+$", "");
        if (packager.isEmpty()) {
            return new PackagerRepository("", "");
        }
        var published = packager + PATH;
        return new PackagerRepository(published, packager.equals(ownUrl) ? "http://127.0.0.1:" + ownPort + PATH : published);
    }

    /** The apt lines with the packager's repositories at their reachable URL; other lines as they are. */
    String rewrite(String sources) {
        if (published.isEmpty() || published.equals(reachable)) {
            return sources;
        }
        var lines = sources.lines().map(line -> line.replace(" " + published, " " + reachable)).collect(Collectors.joining("\n"));
        return sources.endsWith("\n") ? lines + "\n" : lines;
    }
}
