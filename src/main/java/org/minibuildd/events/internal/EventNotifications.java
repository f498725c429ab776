package org.minibuildd.events.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.minibuildd.events.EventFeed;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code NOTIFY minibuildd_event} (sent by the event table's trigger when the writing transaction
 * commits) on a connection of its own and hands each new event to the {@link EventFeed}: nobody polls the table,
 * and a rolled back step's events are never seen.
 */
@Component
class EventNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final EventStore store;
    private final EventFeed feed;
    private volatile boolean running;

    EventNotifications(DataSource dataSource, EventStore store, EventFeed feed) {
        this.dataSource = dataSource;
        this.store = store;
        this.feed = feed;
    }

    @Override
    public void start() {
        running = true;
        // A platform thread, not a virtual one: junixsocket (the private cluster's Unix socket) serves blocking reads of
        // virtual threads with one shared poller, and this connection's long wait for notifications held up every
        // other connection's reads behind it (each query of the daemon then took up to a second).
        Thread.ofPlatform().daemon().name("event-notifications").start(this::loop);
    }

    /** No interrupt: it would break the pooled connection mid-read; the listener notices within a second. */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN minibuildd_event");
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                var pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (var notification : notifications) {
                        store.byId(Long.parseLong(notification.getParameter())).ifPresent(feed::publish);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("listening for new events failed, listening again in {} s: {}", RECONNECT.toSeconds(), e.getMessage());
                try {
                    Thread.sleep(RECONNECT);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
