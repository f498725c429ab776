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
import org.minibuildd.daemon.InstanceService;

/** The dashboard at {@code /}: who this instance is and, while it has no repositories, what to do first. */
@Route("")
@PageTitle("mini-buildd")
public class DashboardView extends VerticalLayout {

    DashboardView(InstanceService instances) {
        var instance = instances.instance();
        addClassName("mb-dashboard");

        var title = new H1("mini-buildd: " + instance.identity());
        title.setId("instance-identity");
        var endpoints = new Paragraph(new Span("HTTP " + instance.url() + " · incoming " + instance.incomingUrl()
                + " · version " + instance.version()));
        endpoints.addClassName("mb-endpoints");

        add(title, endpoints, emptyRepositories());
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
