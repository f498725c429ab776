package org.minibuildd.events.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletRequest;

import org.minibuildd.events.EventFeed;
import org.minibuildd.events.Problem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /static/events.attach[?after=<ISO 8601>]}: one event as JSON per request, waiting until there is
 * one — the long poll {@code mini-buildd-events} and the reference's own clients loop on. The follower is the
 * client's connection (the client keeps one open), so its next request gets the next event.
 */
@RestController
class EventsAttachController implements org.springframework.context.SmartLifecycle {

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);
    /** How soon a waiting request notices a stop: before the web server's graceful shutdown waits for it. */
    private static final Duration SLICE = Duration.ofSeconds(1);

    private final EventFeed feed;
    private final JsonMapper json;
    private volatile boolean stopping = true;

    EventsAttachController(EventFeed feed, JsonMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @Override
    public void start() {
        stopping = false;
    }

    /** Runs before the graceful shutdown of the web server (a higher phase stops first): waiting polls end. */
    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @GetMapping("/static/events.attach")
    ResponseEntity<String> attach(@RequestParam(required = false) String after, HttpServletRequest request) throws InterruptedException {
        Instant since;
        try {
            since = after == null || after.isBlank() ? null : parse(after);
        } catch (DateTimeParseException e) {
            return problem(400, "Bad Request", "after=\"" + after + "\" is not an ISO 8601 time (e.g. 2026-11-24T18:12:46+00:00)");
        }
        // A client connection is named by its address and port (a follower of the event stream keeps its connection).
        var connection = request.getRemoteAddr() + ":" + request.getRemotePort();
        try {
            while (!stopping) {
                var event = feed.next(connection, since, SLICE);
                if (event.isPresent()) {
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(event.get().toJson()));
                }
            }
        } catch (EventFeed.TooManyFollowers e) {
            return problem(503, "Service Unavailable", e.getMessage());
        }
        return problem(503, "Service Unavailable", "the daemon is stopping");
    }

    /** ISO 8601 with an offset; without one it is UTC, as the reference's clients mean it. */
    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    private ResponseEntity<String> problem(int status, String title, String detail) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON)
                .body(json.writeValueAsString(Problem.of(status, title, detail).at("/static/events.attach").toJson()));
    }
}
