package org.minibuildd.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.minibuildd.config.ConfigException;

/**
 * The HTTP endpoint of another mini-buildd instance. Written as mini-buildd accepts it — {@code host:port}, a URL
 * {@code http://host:port/} or the twisted-style {@code tcp:host=H:port=P} — and always kept in one form, the URL
 * {@code http://host:port/}, which is also the Remote's natural key and what {@code status} lists.
 */
public record RemoteEndpoint(String host, int port) {

    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");
    private static final String FIELD = "remotes";
    private static final String FORMS = "give it as host:port, http://host:port/ or tcp:host=HOST:port=PORT";

    public RemoteEndpoint {
        host = host.toLowerCase(Locale.ROOT);
    }

    /** Reads any of the accepted forms; refuses anything else with a {@link ConfigException} on "remotes". */
    public static RemoteEndpoint parse(String endpoint) {
        var given = endpoint == null ? "" : endpoint.strip();
        if (given.isEmpty()) {
            throw new ConfigException(FIELD, "the remote's HTTP endpoint is empty: " + FORMS);
        }
        if (given.contains("://")) {
            return fromUrl(endpoint, given);
        }
        if (given.matches("(tcp|tcp6|tls|ssl|unix):.*")) {
            return fromTwisted(endpoint, given);
        }
        int colon = given.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\" has no port: " + FORMS);
        }
        var host = given.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return of(endpoint, host, given.substring(colon + 1));
    }

    /** {@code http://host:port/}, IPv6 addresses in brackets. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    /** The URL of one of the remote's API calls, answering in JSON: {@code …/mini_buildd/api/<call>/?…&output=json}. */
    public URI api(String call, Map<String, String> arguments) {
        var query = new StringBuilder();
        arguments.forEach((name, value) -> query.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return URI.create(url() + "mini_buildd/api/" + call + "/?" + query + "output=json");
    }

    @Override
    public String toString() {
        return url();
    }

    private static RemoteEndpoint fromUrl(String endpoint, String given) {
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\" is not a URL: " + e.getReason() + "; " + FORMS, e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\": only http:// endpoints are supported, not "
                    + uri.getScheme() + "://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\": no user or password in a remote's URL");
        }
        var path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\": a remote is named by host and port only, "
                    + "without a path or query (like http://host:8066/)");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\" names no host: " + FORMS);
        }
        var host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return of(endpoint, host, uri.getPort() < 0 ? "80" : String.valueOf(uri.getPort()));
    }

    /** Twisted's client notation: {@code tcp:host=H:port=P}, options in any order, {@code \:} escapes a colon. */
    private static RemoteEndpoint fromTwisted(String endpoint, String given) {
        var parts = given.split("(?<!\\\\):");
        if (!parts[0].equals("tcp") && !parts[0].equals("tcp6")) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\": endpoint type " + parts[0]
                    + " is not supported, only tcp (plain HTTP)");
        }
        var options = new LinkedHashMap<String, String>();
        for (int i = 1; i < parts.length; i++) {
            var option = parts[i].split("=", 2);
            if (option.length != 2) {
                throw new ConfigException(FIELD, "\"" + endpoint + "\": \"" + parts[i] + "\" is not name=value; " + FORMS);
            }
            options.put(option[0], option[1].replace("\\:", ":"));
        }
        var host = options.get("host");
        var port = options.get("port");
        if (host == null || port == null) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\" needs both host= and port=; " + FORMS);
        }
        return of(endpoint, host, port);
    }

    private static RemoteEndpoint of(String endpoint, String host, String port) {
        var lower = host.toLowerCase(Locale.ROOT);
        boolean ipv6 = lower.contains(":");
        if (lower.isEmpty() || !(ipv6 ? IPV6.matcher(lower).matches() : HOSTNAME.matcher(lower).matches())) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\": \"" + host + "\" is not a host name or address; " + FORMS);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535 || !port.matches("[0-9]+")) {
            throw new ConfigException(FIELD, "\"" + endpoint + "\": \"" + port + "\" is not a port (1 to 65535); " + FORMS);
        }
        return new RemoteEndpoint(lower, number);
    }
}
