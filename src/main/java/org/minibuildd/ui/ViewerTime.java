package org.minibuildd.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

/**
 * Times as the viewer reads them: in the browser's time zone, which the shell asks the browser for once per session
 * (UTC until it answered, and for clients that do not tell).
 */
public final class ViewerTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ViewerTime() {
    }

    /** Learns the browser's zone for this session, once. */
    static void learn(UI ui) {
        var session = ui.getSession();
        if (session.getAttribute(ZoneId.class) != null) {
            return;
        }
        ui.getPage().retrieveExtendedClientDetails(details -> {
            try {
                session.setAttribute(ZoneId.class, ZoneId.of(details.getTimeZoneId()));
            } catch (RuntimeException e) {
                session.setAttribute(ZoneId.class, ZoneOffset.UTC);
            }
        });
    }

    /** The viewer's zone; UTC when unknown. */
    public static ZoneId zone() {
        var session = VaadinSession.getCurrent();
        var zone = session == null ? null : session.getAttribute(ZoneId.class);
        return zone == null ? ZoneOffset.UTC : zone;
    }

    /** {@code 2026-12-07 09:14:03} in the viewer's zone; empty for null. */
    public static String format(Instant time) {
        return time == null ? "" : FORMAT.format(time.atZone(zone()));
    }

    /** {@code 2026-12-07 09:14:03 CET}: with the zone, where the zone is not said elsewhere on the page. */
    public static String formatWithZone(Instant time) {
        return time == null ? "" : format(time) + " " + zone().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT);
    }

    /** {@code 1 min 05 s}, {@code 12 s}: how long something took or runs. */
    public static String duration(Duration duration) {
        var seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
