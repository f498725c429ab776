package org.minibuildd.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventFeed;
import org.minibuildd.events.Events;
import org.minibuildd.ui.config.ConfigView;

/**
 * The dashboard at {@code /}: who this instance is, its repositories with what users need to use them, and, while
 * it has none, what to do first.
 */
@Route("")
@PageTitle("mini-buildd")
@AnonymousAllowed
public class DashboardView extends VerticalLayout {

    /** How many of the newest events the dashboard shows. */
    private static final int EVENTS_SHOWN = 50;

    private final EventFeed feed;
    private final Div eventBox;
    private AutoCloseable listening;

    DashboardView(InstanceService instances, RepositoryService repositories, Events events, EventFeed feed,
                  AuthenticationContext authentication) {
        this.feed = feed;
        var instance = instances.instance();
        addClassName("mb-dashboard");

        var title = new H1("mini-buildd: " + instance.identity());
        title.setId("instance-identity");
        var endpoints = new Paragraph(new Span("HTTP " + instance.url() + " · incoming " + instance.incomingUrl()
                + " · version " + instance.version()));
        endpoints.addClassName("mb-endpoints");
        var api = new Anchor("/mini_buildd/api/", "API");
        api.setId("api-link");
        api.setRouterIgnore(true);
        endpoints.add(new Span(" · "), api);

        add(title, endpoints);
        if (authentication.hasRole("ADMIN")) {
            add(administration());
        }
        var all = repositories.all();
        add(all.isEmpty() ? emptyRepositories() : repositories(all));
        eventBox = events(events.recent(EVENTS_SHOWN), instance.incomingUrl());
        add(eventBox);
    }

    /** New events come in as they commit (pushed), newest on top; nobody reloads. */
    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent attach) {
        super.onAttach(attach);
        var ui = attach.getUI();
        listening = feed.listen(event -> ui.access(() -> {
            if (eventBox.getChildren().anyMatch(c -> c.getId().map(("event-" + event.id())::equals).orElse(false))) {
                return; // read with the page already
            }
            eventBox.getChildren().filter(c -> c.getId().map("empty-events"::equals).orElse(false)).toList()
                    .forEach(eventBox::remove);
            // Below the heading, above the newer ones already shown.
            eventBox.addComponentAtIndex(1, eventLine(event));
            var lines = eventBox.getChildren().filter(c -> c.getId().map(id -> id.startsWith("event-")).orElse(false)).toList();
            lines.stream().skip(EVENTS_SHOWN).forEach(eventBox::remove);
        }));
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent detach) {
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception e) {
            // removing a listener cannot fail
        }
        super.onDetach(detach);
    }

    /** The newest events: what happened to each upload, and for a rejected or failed one, why. */
    private static Div events(java.util.List<Event> recent, String incoming) {
        var box = new Div();
        box.setId("events");
        box.add(new H2("Events"));
        if (recent.isEmpty()) {
            var empty = new Paragraph("No events yet: upload a source package with dput to " + incoming
                    + " (the dput config is linked above) and follow it here.");
            empty.setId("empty-events");
            box.add(empty);
            return box;
        }
        for (var event : recent) {
            box.add(eventLine(event));
        }
        return box;
    }

    private static final java.time.format.DateTimeFormatter EVENT_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** One event: its type, package, distribution, architecture and time; for a rejection or failure, why. */
    private static Div eventLine(Event event) {
        var line = new Div();
        line.addClassNames("mb-event", "mb-event-" + event.type().name().toLowerCase(java.util.Locale.ROOT));
        line.setId("event-" + event.id());
        var type = new Span(event.type().name());
        type.addClassName("mb-event-type");
        type.getElement().setAttribute("title", event.type().meaning());
        line.add(type, new Span(" " + event.source() + " " + event.version()
                + (event.distribution().isEmpty() ? "" : " → " + event.distribution())
                + " (" + event.extra().getOrDefault("architecture", "") + ") · " + EVENT_TIME.format(event.timestamp())));
        if (!event.reason().isEmpty()) {
            var reason = new Paragraph(event.reason());
            reason.addClassName("mb-event-reason");
            line.add(reason);
        }
        return line;
    }

    /** Each repository: where to browse it, its codenames and status, and the apt lines and dput config for it. */
    private static Div repositories(java.util.List<RepositoryService.Summary> all) {
        var box = new Div();
        box.setId("repositories");
        box.add(new H2("Repositories"));
        for (var repository : all) {
            var id = repository.identity();
            var browse = new Anchor("/repositories/" + id + "/", id);
            browse.setRouterIgnore(true);
            var apt = new Anchor("/mini_buildd/api/sources_list/?repositories=" + id + "&output=plain", "apt lines");
            apt.setRouterIgnore(true);
            var deb822 = new Anchor("/mini_buildd/api/sources_list/?repositories=" + id + "&deb822=true&output=plain",
                    "deb822 .sources (with key)");
            deb822.setRouterIgnore(true);
            var dput = new Anchor("/mini_buildd/api/dput_conf/?output=plain", "dput config");
            dput.setRouterIgnore(true);
            var line = new Paragraph(browse, new Span(" — " + String.join(", ", repository.codenames()) + " · layout "
                    + repository.layout().name() + " · " + repository.state().describe() + " · "), apt, new Span(" · "),
                    deb822, new Span(" · "), dput);
            line.setId("repository-" + id);
            box.add(line);
        }
        return box;
    }

    /** Administrators' way to the configuration editors. */
    private static Paragraph administration() {
        var config = new RouterLink("Configuration", ConfigView.class);
        config.setId("config-link");
        var line = new Paragraph(new Span("Administration: "), config,
                new Span(" — sources, distributions, repositories, chroots, remotes, uploaders and their status"));
        line.setId("administration");
        return line;
    }

    private static Div emptyRepositories() {
        var box = new Div();
        box.setId("empty-repositories");
        box.addClassName("mb-empty-state");
        box.add(new H2("No repositories yet"),
                new Paragraph("This instance has no APT repositories to upload to or install from. "
                        + "An administrator creates them first: run the setup (API call \"setup\") to create sources, "
                        + "distributions, a repository and chroots in one go."),
                new Paragraph("Then developers upload with dput (the dput configuration comes from the API call "
                        + "\"dput_conf\") and consumers add the apt lines from \"sources_list\"."),
                new Anchor("/mini_buildd/api/status/?output=html", "Instance status"));
        return box;
    }
}
