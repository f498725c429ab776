package org.minibuildd.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.minibuildd.support.DaemonIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /static/events.attach}, followed by mini-buildd's own unchanged client {@code mini-buildd-events}: past
 * events after a time, new ones as they commit (never a rolled back one), and its exit on a type.
 */
class EventsAttachIT extends DaemonIT {

    @Autowired Events events;
    @Autowired EventFeed feed;
    @Autowired TransactionTemplate transaction;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theReferenceClientGetsThePastEventsAfterATimeInOrder() throws Exception {
        var before = Instant.now().minusMillis(5);
        log(EventType.PACKAGING, "feed-past", Map.of("key", "feed-past/1.0/1"));
        log(EventType.BUILDING, "other-source", Map.of());
        log(EventType.INSTALLED, "feed-past", Map.of("key", "feed-past/1.0/1", "auto_ports", Map.of()));

        var after = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                .withZone(java.time.ZoneOffset.UTC).format(before);
        var client = follow("-A", after, "-S", "feed-past", "-E", "INSTALLED");
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("mini-buildd-events exits on INSTALLED").isTrue();
        var output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.exitValue()).as(output).isZero();
        var printed = parse(output);
        assertThat(printed).extracting(e -> e.get("type").asString()).containsExactly("PACKAGING", "INSTALLED");
        var installed = printed.get(1);
        assertThat(installed.propertyNames()).containsExactly("type", "distribution", "source", "version", "timestamp", "extra");
        assertThat(installed.get("source").asString()).isEqualTo("feed-past");
        assertThat(installed.get("distribution").asString()).isEqualTo("bookworm-test-unstable");
        assertThat(installed.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(installed.get("extra").get("key").asString()).isEqualTo("feed-past/1.0/1");
    }

    @Test
    void aFollowerGetsNewEventsAsTheyCommitAndNeverARolledBackOne() throws Exception {
        int attached = feed.followers();
        var client = follow("-S", "feed-live", "-E", "INSTALLED");
        var deadline = Instant.now().plusSeconds(30);
        while (feed.followers() <= attached) {
            assertThat(client.isAlive()).as("the client runs").isTrue();
            assertThat(Instant.now()).as("the client attached").isBefore(deadline);
            Thread.sleep(100);
        }
        transaction.executeWithoutResult(status -> {
            events.log(EventType.INSTALLED, "bookworm-test-unstable", "feed-live", "1.0", Map.of("note", "rolled back"));
            status.setRollbackOnly();
        });
        log(EventType.PACKAGING, "feed-live", Map.of("note", "first"));
        Thread.sleep(500);
        assertThat(client.isAlive()).as("the rolled back INSTALLED did not end it").isTrue();
        log(EventType.INSTALLED, "feed-live", Map.of("note", "second"));

        assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("mini-buildd-events exits on the committed INSTALLED").isTrue();
        var output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.exitValue()).as(output).isZero();
        assertThat(parse(output)).extracting(e -> e.get("type").asString() + " " + e.get("extra").get("note").asString())
                .containsExactly("PACKAGING first", "INSTALLED second");
    }

    @Test
    void aTimeThatIsNoneIsABadRequestInProblemJson() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/static/events.attach?after=yesterday")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains("yesterday", "ISO 8601");
    }

    private void log(EventType type, String source, Map<String, Object> extra) {
        transaction.executeWithoutResult(status -> events.log(type, "bookworm-test-unstable", source, "1.0", extra));
    }

    private Process follow(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of("mini-buildd-events", "http://localhost:" + port));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The client prints each event as pretty JSON, one after another. */
    private List<JsonNode> parse(String output) throws Exception {
        var all = new ArrayList<JsonNode>();
        try (var parser = json.createParser(output)) {
            for (var values = json.readValues(parser, JsonNode.class); values.hasNext(); ) {
                all.add(values.next());
            }
        }
        return all;
    }
}
