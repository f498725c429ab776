package org.minibuildd.ui.config;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.DistributionSettings;

/** Distributions have no status of their own: editing one marks the repositories holding it changed. */
final class DistributionsPanel extends VerticalLayout {

    private final ConfigEditService edits;
    private final Grid<DistributionSettings> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No distributions yet — the setup (API call \"setup\") creates one per "
            + "codename it sets up, or add one with the distribution wizard.");
    private final Runnable changed;

    DistributionsPanel(ConfigEditService edits, Runnable changed) {
        this.edits = edits;
        this.changed = changed;
        setId("panel-distribution");
        setPadding(false);
        empty.setId("empty-distribution");
        empty.addClassName("mb-empty-state");
        grid.setId("grid-distribution");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(d -> d.base().toString()).setHeader("Base source").setAutoWidth(true);
        grid.addColumn(DistributionSettings::buildDepResolver).setHeader("Resolver");
        grid.addColumn(DistributionSettings::lintianMode).setHeader("Lintian");
        grid.addColumn(DistributionSettings::piupartsMode).setHeader("Piuparts");
        grid.addColumn(DistributionSettings::autopkgtestMode).setHeader("Autopkgtest");
        grid.addColumn(DistributionSettings::internalAptPriority).setHeader("Internal apt priority");
        grid.addColumn(DistributionSettings::debBuildOptions).setHeader("DEB_BUILD_OPTIONS");
        grid.addColumn(DistributionSettings::debBuildProfiles).setHeader("DEB_BUILD_PROFILES");
        grid.addComponentColumn(d -> {
            var edit = new Button("Edit", e -> Editors.distribution(edits, d, this::saved));
            edit.setId("edit-distribution-" + StatusPanel.slug(d.base().origin() + "-" + d.base().codename()));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return edit;
        }).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        add(empty, grid);
        refresh();
    }

    private void saved() {
        StatusPanel.notify("result", "Distribution saved: the repositories holding it are marked changed", NotificationVariant.LUMO_SUCCESS);
        refresh();
        changed.run();
    }

    void refresh() {
        var items = edits.distributions();
        empty.setVisible(items.isEmpty());
        grid.setVisible(!items.isEmpty());
        grid.setItems(items);
    }
}
