package org.minibuildd.remote.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.minibuildd.remote.RemoteEndpoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The Remotes' {@code status} as packaging needs it, every upload: all asked at once, each given a few seconds. A
 * Remote that did not answer is not asked again for a while, so a switched-off builder costs one upload a short
 * wait instead of every upload the full HTTP timeout. Answers are never reused: the load changes with every build.
 */
@Component
public class RemoteStatuses {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    /** A Remote's status, or why there is none. */
    public record Answer(JsonNode status, String problem) {
        public boolean answered() {
            return status != null;
        }
    }

    private record Failure(Instant at, String problem) { }

    private final RemoteClient client;
    private final InstantSource clock;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    @Autowired
    RemoteStatuses(RemoteClient client) {
        this(client, InstantSource.system());
    }

    RemoteStatuses(RemoteClient client, InstantSource clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The answer per URL, in the order given. */
    public Map<String, Answer> of(List<String> urls) {
        var asked = new LinkedHashMap<String, Future<Answer>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var url : urls) {
                asked.put(url, executor.submit(() -> ask(url)));
            }
        }
        var answers = new LinkedHashMap<String, Answer>();
        asked.forEach((url, future) -> answers.put(url, result(future)));
        return answers;
    }

    private Answer ask(String url) {
        var now = clock.instant();
        var failed = failures.get(url);
        if (failed != null && now.isBefore(failed.at().plus(RETRY_AFTER))) {
            return new Answer(null, failed.problem() + " (at " + failed.at() + "; asked again from "
                    + failed.at().plus(RETRY_AFTER) + ")");
        }
        try {
            var status = client.status(RemoteEndpoint.parse(url), TIMEOUT);
            failures.remove(url);
            return new Answer(status, "");
        } catch (RuntimeException e) {
            // Only an unreachable Remote is given a rest; one that answers wrongly is asked again next time.
            if (e instanceof RemoteClient.UnreachableException) {
                failures.put(url, new Failure(now, e.getMessage()));
            }
            return new Answer(null, e.getMessage());
        }
    }

    private static Answer result(Future<Answer> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new Answer(null, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted while asking for the status");
        }
    }
}
