package org.minibuildd.ui.config;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.ConfigException;

/** Archives (mirror URLs) sources read their Release from: add and remove. */
final class ArchivesPanel extends VerticalLayout {

    private final ConfigEditService edits;
    private final Runnable changed;
    private final Grid<String> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No archives yet — add a mirror URL like http://deb.debian.org/debian/ "
            + "below, or let the setup add the archives of its origins.");

    ArchivesPanel(ConfigEditService edits, Runnable changed) {
        this.edits = edits;
        this.changed = changed;
        setId("panel-archive");
        setPadding(false);
        empty.setId("empty-archive");
        empty.addClassName("mb-empty-state");
        grid.setId("grid-archive");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(url -> url).setHeader("URL").setFlexGrow(1);
        grid.addComponentColumn(url -> {
            var remove = new Button("Remove", e -> remove(url));
            remove.setId("remove-archive-" + StatusPanel.slug(url));
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            remove.setTooltipText("Sources prepared from this archive are marked changed");
            return remove;
        }).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);

        var url = new TextField("Archive URL");
        url.setId("archive-url");
        url.setPlaceholder("http://deb.debian.org/debian/");
        url.setWidth("32rem");
        var add = new Button("Add archive", e -> add(url));
        add.setId("archive-add");
        add.addClickShortcut(Key.ENTER);
        var form = new HorizontalLayout(url, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(empty, grid, form);
        refresh();
    }

    private void add(TextField url) {
        url.setInvalid(false);
        try {
            var added = edits.addArchive(url.getValue());
            url.clear();
            StatusPanel.notify("result", "Archive " + added + " added: sources read from it when prepared next", NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (ConfigException e) {
            url.setErrorMessage(e.getMessage());
            url.setInvalid(true);
        }
    }

    private void remove(String url) {
        try {
            edits.removeArchive(url);
            StatusPanel.notify("result", "Archive " + url + " removed", NotificationVariant.LUMO_SUCCESS);
        } catch (RuntimeException e) {
            StatusPanel.notify("failure", e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
        changed.run();
    }

    void refresh() {
        var items = edits.archives();
        empty.setVisible(items.isEmpty());
        grid.setVisible(!items.isEmpty());
        grid.setItems(items);
    }
}
