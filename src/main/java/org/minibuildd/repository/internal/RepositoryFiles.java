package org.minibuildd.repository.internal;

import java.io.IOException;
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
    private static final String PLAIN = "text/plain; charset=utf-8";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("deb", "application/vnd.debian.binary-package"),
            Map.entry("udeb", "application/vnd.debian.binary-package"),
            Map.entry("dsc", "text/plain; charset=utf-8"),
            Map.entry("changes", "text/plain; charset=utf-8"),
            Map.entry("buildinfo", "text/plain; charset=utf-8"),
            Map.entry("buildlog", "text/plain; charset=utf-8"),
            Map.entry("log", "text/plain; charset=utf-8"),
            Map.entry("json", "application/json"),
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
    /** By request path: a known file costs one stat per request, not the resolution of every path segment. */
    private final java.util.concurrent.ConcurrentHashMap<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What answering a file needs, computed once per version of the file (its size and modification time, which
     * reprepro changes with every export: it replaces files by renaming new ones over them).
     *
     * @param real    the resolved file, inside the repositories directory
     * @param content the whole file for small ones, else null (read at each request)
     * @param okHead  the wire head of a 200 answer up to its Content-Length line, for the front door
     */
    private record Answer(Path real, long size, java.nio.file.attribute.FileTime modified, String etag, String lastModified,
                          String contentType, byte[] content, byte[] okHead) { }

    private final String prefix;
    private final boolean aptOnly;

    /** The repositories under {@code /repositories}: below a repository only {@code dists/} and {@code pool/}. */
    public RepositoryFiles(Path root) {
        this(root, "/repositories", true);
    }

    /**
     * Files of {@code root} under the URL path {@code prefix}; {@code aptOnly} keeps to what apt needs of a
     * repository ({@code dists/}, {@code pool/}), else every file that is not hidden (build and event logs).
     */
    public RepositoryFiles(Path root, String prefix, boolean aptOnly) {
        this.root = root.toAbsolutePath().normalize();
        this.prefix = prefix;
        this.aptOnly = aptOnly;
    }

    String prefix() {
        return prefix;
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

    /**
     * The request headers this answer depends on (the conditional and range ones); a function so that both
     * Tomcat's request and the front door's parsed head can supply them.
     */
    interface Conditions {
        String header(String name);
    }

    /**
     * Answers a GET ({@code body}) or HEAD for {@code relative}: the path below {@code /repositories}, decoded and
     * free of dot segments; {@code requestPath} is the path as requested, for the redirect of a directory.
     */
    Reply answer(String relative, String requestPath, Conditions request, boolean body) throws IOException {
        var known = answers.get(relative);
        if (known != null) {
            // The resolved path was inside when it was cached; only the daemon's user writes below the
            // repositories directory, and reprepro makes no links, so it stays so.
            try {
                var now = Files.readAttributes(known.real(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (now.isRegularFile() && now.size() == known.size() && now.lastModifiedTime().equals(known.modified())) {
                    return file(request, known, body);
                }
            } catch (IOException e) {
                answers.remove(relative);
            }
        }
        var file = resolve(relative);
        if (file == null) {
            return notFound(body);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return notFound(body);
        }
        if (attributes.isDirectory()) {
            if (!relative.endsWith("/")) {
                return Reply.empty(301, new Reply.Header("Location", requestPath + "/"));
            }
            return listing(file, relative, body);
        }
        if (attributes.isRegularFile()) {
            return file(request, answer(relative, file, attributes), body);
        }
        return notFound(body);
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
        if (aptOnly && segments.size() >= 2 && !List.of("dists", "pool").contains(segments.get(1))) {
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

    private Answer answer(String relative, Path file, BasicFileAttributes attributes) throws IOException {
        long size = attributes.size();
        var modified = attributes.lastModifiedTime();
        var etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.to(java.util.concurrent.TimeUnit.MICROSECONDS)) + "\"";
        byte[] content = size <= CACHED_FILE ? Files.readAllBytes(file) : null;
        var lastModified = HTTP_DATE.format(modified.toInstant());
        var contentType = contentType(file.getFileName().toString());
        var okHead = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nETag: " + etag + "\r\nLast-Modified: "
                + lastModified + "\r\nAccept-Ranges: bytes\r\nContent-Length: " + size + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        var answer = new Answer(file, size, modified, etag, lastModified, contentType,
                content != null && content.length == size ? content : null, okHead);
        if (answers.size() >= CACHED_FILES) {
            answers.clear();
        }
        answers.put(relative, answer);
        return answer;
    }

    private Reply file(Conditions request, Answer answer, boolean body) {
        var file = answer.real();
        long size = answer.size();
        var modified = answer.modified().toInstant();
        var etag = answer.etag();
        var headers = new java.util.ArrayList<Reply.Header>(6);
        headers.add(new Reply.Header("Content-Type", answer.contentType()));
        headers.add(new Reply.Header("ETag", etag));
        headers.add(new Reply.Header("Last-Modified", answer.lastModified()));
        headers.add(new Reply.Header("Accept-Ranges", "bytes"));
        if (notModified(request, etag, modified)) {
            return new Reply(304, headers, 0, null, null, 0, false, null);
        }
        int status = 200;
        long start = 0;
        long end = size - 1;
        var range = request.header("Range");
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
                    return Reply.text(416, PLAIN, ("Range not satisfiable: the file has " + size + " bytes\n")
                            .getBytes(StandardCharsets.UTF_8), body, new Reply.Header("Content-Range", "bytes */" + size));
                }
                status = 206;
                headers.add(new Reply.Header("Content-Range", "bytes " + start + "-" + end + "/" + size));
            }
        }
        long length = end - start + 1;
        var okHead = status == 200 ? answer.okHead() : null;
        return answer.content() != null
                ? new Reply(status, headers, length, answer.content(), null, start, body, okHead)
                : new Reply(status, headers, length, null, file, start, body, okHead);
    }

    private static boolean notModified(Conditions request, String etag, Instant modified) {
        var ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.strip().equals("*") || java.util.Arrays.stream(ifNoneMatch.split(","))
                    .map(String::strip).map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(etag::equals);
        }
        long since = httpDate(request.header("If-Modified-Since"));
        return since != -1 && modified.getEpochSecond() <= since;
    }

    private static boolean ifRangeHolds(Conditions request, String etag, Instant modified) {
        var ifRange = request.header("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.startsWith("\"")) {
            return ifRange.equals(etag);
        }
        long date = httpDate(ifRange);
        return date != -1 && modified.getEpochSecond() <= date;
    }

    /** Seconds since the epoch of an HTTP date (RFC 1123, the form apt and browsers send), or -1. */
    private static long httpDate(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return java.time.ZonedDateTime.parse(value.strip(), HTTP_DATE).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return -1;
        }
    }

    private static Reply notFound(boolean body) {
        return Reply.text(404, PLAIN, "Not found\n".getBytes(StandardCharsets.UTF_8), body);
    }

    static String contentType(String name) {
        if (name.equals("InRelease") || name.equals("Release") || name.equals("Packages") || name.equals("Sources")) {
            return "text/plain; charset=utf-8";
        }
        int dot = name.lastIndexOf('.');
        var extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private Reply listing(Path dir, String relative, boolean body) throws IOException {
        List<Path> entries;
        try (var list = Files.list(dir)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> resolve(relative + p.getFileName() + (Files.isDirectory(p) ? "/" : "")) != null)
                    .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p)).thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
        var title = HtmlUtils.htmlEscape(prefix + relative);
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
        return Reply.text(200, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8), body);
    }
}
