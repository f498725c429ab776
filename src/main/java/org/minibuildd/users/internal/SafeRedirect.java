package org.minibuildd.users.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a {@code next} parameter may send the browser: a path on this site, or an absolute http(s) URL naming
 * this very host and port (mini-buildd's client sends {@code next=http://host:port/accounts/null/}). Anything else
 * — other hosts, scheme-relative {@code //host}, backslashes, control characters — is refused, so the login page
 * can never be used as an open redirect.
 */
final class SafeRedirect {

    private SafeRedirect() {
    }

    static Optional<String> target(HttpServletRequest request, String next) {
        if (next == null || next.isEmpty() || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(next);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null) {
            var local = uri.getRawAuthority() == null && next.startsWith("/") && !next.startsWith("//");
            return local ? Optional.of(next) : Optional.empty();
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        var port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        var sameSite = uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort()
                && scheme.equals(request.getScheme().toLowerCase(Locale.ROOT));
        return sameSite ? Optional.of(next) : Optional.empty();
    }
}
