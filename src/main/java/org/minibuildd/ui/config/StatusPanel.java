package org.minibuildd.ui.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigObject;
import org.minibuildd.config.ConfigObjectService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;

/**
 * The objects of one status type: status, check state, last check and message, main fields, and the status
 * actions per row. A failed action shows its reason; the list is read again after every action.
 */
final class StatusPanel extends VerticalLayout {

    private final ObjectType type;
    private final ConfigObjectService objects;
    private final ConfigActions actions;
    private final Consumer<ObjectRef> editor;
    private final Grid<ConfigObject> grid = new Grid<>();
    private final Paragraph empty;
    private List<String> fieldColumns = List.of();

    /** {@code editor} is null for types without an edit form here. */
    StatusPanel(ObjectType type, String emptyText, ConfigObjectService objects, ConfigActions actions, Consumer<ObjectRef> editor) {
        this.type = type;
        this.objects = objects;
        this.actions = actions;
        this.editor = editor;
        var name = slug(type.label());
        setId("panel-" + name);
        setPadding(false);
        empty = new Paragraph(emptyText);
        empty.setId("empty-" + name);
        empty.addClassName("mb-empty-state");
        grid.setId("grid-" + name);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        add(empty, grid);
        refresh();
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static String slug(ObjectRef ref) {
        return slug(ref.type().label()) + "-" + slug(ref.key());
    }

    void refresh() {
        var items = objects.list(type);
        empty.setVisible(items.isEmpty());
        grid.setVisible(!items.isEmpty());
        var keys = items.isEmpty() ? fieldColumns : List.copyOf(items.getFirst().fields().keySet());
        if (grid.getColumns().isEmpty() || !keys.equals(fieldColumns)) {
            fieldColumns = keys;
            columns();
        }
        grid.setItems(items);
    }

    private void columns() {
        grid.removeAllColumns();
        grid.addComponentColumn(o -> span("name-", o, o.name())).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(o -> span("status-", o, statusWord(o))).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        // The actions early, so they are in view on narrow screens without scrolling the grid sideways.
        grid.addComponentColumn(this::buttons).setHeader("Actions").setWidth("24rem").setFlexGrow(0);
        grid.addComponentColumn(o -> span("check-state-", o, o.state().status().ordinal() == 0 ? "" : o.state().check().describe()))
                .setHeader("Check").setFlexGrow(1);
        grid.addColumn(o -> o.lastChecked() == null ? "never" : o.lastChecked().toString()).setHeader("Last checked").setAutoWidth(true);
        grid.addComponentColumn(o -> span("message-", o, o.lastMessage())).setHeader("Last message").setFlexGrow(1);
        for (var key : fieldColumns) {
            grid.addColumn(o -> o.fields().getOrDefault(key, "")).setHeader(key.replace('_', ' ')).setAutoWidth(true);
        }
    }

    private static String statusWord(ConfigObject o) {
        var name = o.state().status().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private static Span span(String prefix, ConfigObject o, String text) {
        var span = new Span(text);
        span.setId(prefix + slug(o.ref()));
        return span;
    }

    private HorizontalLayout buttons(ConfigObject o) {
        var row = new HorizontalLayout();
        row.setSpacing(false);
        row.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        for (var action : ConfigActions.Action.values()) {
            var label = action == ConfigActions.Action.PCA ? "PCA" : statusLabel(action.name());
            var button = new Button(label, e -> run(action, o.ref()));
            button.setId(action.name().toLowerCase(Locale.ROOT) + "-" + slug(o.ref()));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            if (action == ConfigActions.Action.PCA) {
                button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                button.setTooltipText("Prepare, check and activate, with what it needs");
            }
            row.add(button);
        }
        if (editor != null) {
            var edit = new Button("Edit", e -> editor.accept(o.ref()));
            edit.setId("edit-" + slug(o.ref()));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            row.add(edit);
        }
        return row;
    }

    private static String statusLabel(String action) {
        return action.charAt(0) + action.substring(1).toLowerCase(Locale.ROOT);
    }

    private void run(ConfigActions.Action action, ObjectRef ref) {
        try {
            actions.run(action, ref);
            notify("result", ref + ": " + actions.lastMessage(ref) + " — " + actions.state(ref).describe(), NotificationVariant.LUMO_SUCCESS);
        } catch (RuntimeException e) {
            notify("failure", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    static void notify(String kind, String text, NotificationVariant variant) {
        var message = new Span(text);
        message.setId("action-" + kind);
        var notification = new Notification(message);
        notification.setDuration(variant == NotificationVariant.LUMO_ERROR ? 10000 : 4000);
        notification.setPosition(Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
        notification.open();
    }
}
