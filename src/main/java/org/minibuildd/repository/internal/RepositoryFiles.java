package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves {@code home/repositories} under {@code /repositories/}: each repository's {@code dists/} and
 * {@code pool/} as apt fetches them (ETag, Last-Modified, conditional requests, single byte ranges, keep-alive,
 * sendfile for large files), with directory listings for humans. Nothing else is reachable: reprepro's
 * {@code conf/} and {@code db/}, hidden files, dot segments and symbolic links that lead out of the
 * repositories directory all answer 404.
 */
public class RepositoryFiles {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final long SENDFILE_FROM = 48 * 1024;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("deb", "application/vnd.debian.binary-package"),
            Map.entry("udeb", "application/vnd.debian.binary-package"),
            Map.entry("dsc", "text/plain; charset=utf-8"),
            Map.entry("changes", "text/plain; charset=utf-8"),
            Map.entry("buildinfo", "text/plain; charset=utf-8"),
            Map.entry("gz", "application/gzip"),
            Map.entry("xz", "application/x-xz"),
            Map.entry("bz2", "application/x-bzip2"),
            Map.entry("zst", "application/zstd"),
            Map.entry("gpg", "application/pgp-signature"),
            Map.entry("asc", "application/pgp-signature"),
            Map.entry("tar", "application/x-tar"));

    /** Files up to this size are answered from memory while they stay the same: InRelease, Release, small debs. */
    private static final int CACHED_FILE = 64 * 1024;
    private static final int CACHED_FILES = 2048;

    private final Path root;
    private volatile Path realRoot;
    private final java.util.concurrent.ConcurrentHashMap<Path, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What answering a file needs, computed once per version of the file (its size and modification time, which
     * reprepro changes with every export: it replaces files by renaming new ones over them).
     *
     * @param content the whole file for small ones, else null (read at each request)
     */
    private record Answer(long size, java.nio.file.attribute.FileTime modified, String etag, String lastModified,
                          String contentType, byte[] content) { }

    public RepositoryFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The repositories directory with its own links resolved; it may only appear after the first prepare. */
    private Path realRoot() throws IOException {
        var real = realRoot;
        if (real == null) {
            real = root.toRealPath();
            realRoot = real;
        }
        return real;
    }

    /** Serves the file or directory at {@code relative} (below {@code /repositories}, decoded and normalised). */
    void serve(HttpServletRequest request, HttpServletResponse response, String relative, boolean body) throws IOException {
        var file = resolve(relative);
        if (file == null) {
            notFound(response);
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            notFound(response);
            return;
        }
        if (attributes.isDirectory()) {
            if (!relative.endsWith("/")) {
                response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
                response.setHeader("Location", request.getRequestURI() + "/");
                return;
            }
            listing(request, response, file, relative, body);
        } else if (attributes.isRegularFile()) {
            file(request, response, file, attributes, body);
        } else {
            notFound(response);
        }
    }

    /**
     * The file a request path names, or null when it must not be served. The container has decoded and
     * normalised the path already; this refuses what could still lead elsewhere.
     */
    Path resolve(String relative) {
        if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
            return null;
        }
        var segments = new java.util.ArrayList<String>(8);
        for (var segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return null;
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        // Below a repository only what apt needs: dists/ and pool/.
        if (segments.size() >= 2 && !List.of("dists", "pool").contains(segments.get(1))) {
            return null;
        }
        var file = root.resolve(String.join("/", segments)).normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        try {
            // Symbolic links are followed only as long as they stay inside.
            var real = file.toRealPath();
            return real.startsWith(realRoot()) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Answer answer(Path file, BasicFileAttributes attributes) throws IOException {
        var known = answers.get(file);
        if (known != null && known.size() == attributes.size() && known.modified().equals(attributes.lastModifiedTime())) {
            return known;
        }
        long size = attributes.size();
        var modified = attributes.lastModifiedTime();
        var etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.to(java.util.concurrent.TimeUnit.MICROSECONDS)) + "\"";
        byte[] content = size <= CACHED_FILE ? Files.readAllBytes(file) : null;
        var answer = new Answer(size, modified, etag, HTTP_DATE.format(modified.toInstant()),
                contentType(file.getFileName().toString()), content != null && content.length == size ? content : null);
        if (answer.content() != null) {
            if (answers.size() >= CACHED_FILES) {
                answers.clear();
            }
            answers.put(file, answer);
        }
        return answer;
    }

    private void file(HttpServletRequest request, HttpServletResponse response, Path file, BasicFileAttributes attributes,
                      boolean body) throws IOException {
        var answer = answer(file, attributes);
        long size = answer.size();
        var modified = answer.modified().toInstant();
        var etag = answer.etag();
        response.setHeader("ETag", etag);
        response.setHeader("Last-Modified", answer.lastModified());
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(answer.contentType());
        if (notModified(request, etag, modified)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long start = 0;
        long end = size - 1;
        var range = request.getHeader("Range");
        if (range != null && ifRangeHolds(request, etag, modified)) {
            var matcher = RANGE.matcher(range.strip());
            // Several ranges at once (bytes=0-1,5-6) are answered with the whole file, which RFC 9110 allows.
            if (matcher.matches()) {
                var from = matcher.group(1);
                var to = matcher.group(2);
                if (from.isEmpty() && !to.isEmpty()) {
                    start = Math.max(0, size - Long.parseLong(to));
                } else if (!from.isEmpty()) {
                    start = Long.parseLong(from);
                    end = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
                }
                if (from.isEmpty() && to.isEmpty() || start >= size || start > end) {
                    response.setHeader("Content-Range", "bytes */" + size);
                    plain(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable: the file has " + size + " bytes\n");
                    return;
                }
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
        }
        long length = end - start + 1;
        response.setContentLengthLong(length);
        if (!body || length == 0) {
            return;
        }
        if (answer.content() != null) {
            response.getOutputStream().write(answer.content(), (int) start, (int) length);
            return;
        }
        if (length >= SENDFILE_FROM && Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support"))) {
            request.setAttribute("org.apache.tomcat.sendfile.filename", file.toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", start);
            request.setAttribute("org.apache.tomcat.sendfile.end", end + 1);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start);
            var out = response.getOutputStream();
            var buffer = new byte[(int) Math.min(64 * 1024, length)];
            long left = length;
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

    private static boolean notModified(HttpServletRequest request, String etag, Instant modified) {
        var ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.strip().equals("*") || java.util.Arrays.stream(ifNoneMatch.split(","))
                    .map(String::strip).map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(etag::equals);
        }
        long since = request.getDateHeader("If-Modified-Since");
        return since != -1 && modified.getEpochSecond() <= since / 1000;
    }

    private static boolean ifRangeHolds(HttpServletRequest request, String etag, Instant modified) {
        var ifRange = request.getHeader("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.startsWith("\"")) {
            return ifRange.equals(etag);
        }
        long date = request.getDateHeader("If-Range");
        return date != -1 && modified.getEpochSecond() <= date / 1000;
    }

    /**
     * Errors are answered here, not through the container's error page: that dispatch would run the web security
     * chain this path bypasses, and answer apt with a redirect to the login page.
     */
    private static void notFound(HttpServletResponse response) throws IOException {
        plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found\n");
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        var bytes = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String contentType(String name) {
        if (name.equals("InRelease") || name.equals("Release") || name.equals("Packages") || name.equals("Sources")) {
            return "text/plain; charset=utf-8";
        }
        int dot = name.lastIndexOf('.');
        var extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private void listing(HttpServletRequest request, HttpServletResponse response, Path dir, String relative, boolean body)
            throws IOException {
        List<Path> entries;
        try (var list = Files.list(dir)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> resolve(relative + p.getFileName() + (Files.isDirectory(p) ? "/" : "")) != null)
                    .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p)).thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
        var title = HtmlUtils.htmlEscape("/repositories" + relative);
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of ").append(title)
                .append("</title><link rel=\"stylesheet\" href=\"/mini-buildd.css\"></head><body><h1>Index of ").append(title)
                .append("</h1>\n<table class=\"listing\">\n<tr><th>Name</th><th>Last modified</th><th>Size</th></tr>\n");
        if (!relative.equals("/")) {
            html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        if (entries.isEmpty()) {
            html.append("<tr><td colspan=\"3\">").append(relative.equals("/") ? "No repositories yet." : "Empty.").append("</td></tr>\n");
        }
        for (var entry : entries) {
            boolean directory = Files.isDirectory(entry);
            var name = entry.getFileName().toString() + (directory ? "/" : "");
            var attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            html.append("<tr><td><a href=\"").append(HtmlUtils.htmlEscape(java.net.URLEncoder.encode(entry.getFileName().toString(),
                            StandardCharsets.UTF_8).replace("+", "%20") + (directory ? "/" : ""))).append("\">")
                    .append(HtmlUtils.htmlEscape(name)).append("</a></td><td>")
                    .append(HTTP_DATE.format(attributes.lastModifiedTime().toInstant())).append("</td><td>")
                    .append(directory ? "-" : attributes.size()).append("</td></tr>\n");
        }
        html.append("</table></body></html>\n");
        var bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(bytes.length);
        if (body) {
            response.getOutputStream().write(bytes);
        }
    }
}
