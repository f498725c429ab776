package org.minibuildd.ui.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import org.minibuildd.config.ConfigException;

/**
 * A dialog that edits one settings record: the binder checks what it can on the page, the service checks the
 * rest; a value the service refuses is shown on its field ({@link ConfigException#field()}), anything else in the
 * dialog's error line.
 */
final class EditDialog<T extends Record> extends Dialog {

    private final Binder<T> binder;
    private final FormLayout form = new FormLayout();
    private final Map<String, HasValidation> fields = new HashMap<>();
    private final Span error = new Span();

    EditDialog(String title, Class<T> type, Consumer<T> save, Runnable saved) {
        binder = new Binder<>(type);
        setHeaderTitle(title);
        setId("edit-dialog");
        setWidth("min(52rem, 95vw)");
        error.setId("edit-error");
        error.addClassName("mb-error");
        var saveButton = new Button("Save", e -> save(save, saved));
        saveButton.setId("edit-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> close());
        cancel.setId("edit-cancel");
        add(form, error);
        getFooter().add(cancel, saveButton);
    }

    Binder<T> binder() {
        return binder;
    }

    /** Adds a field to the form under the configuration field name that the service's errors use. */
    <C extends Component & HasValidation> C field(String configField, C component) {
        component.setId("field-" + configField);
        fields.put(configField, component);
        form.add(component);
        return component;
    }

    /** A field that cannot be refused (a checkbox): only placed and named. */
    <C extends Component> C plain(String configField, C component) {
        component.setId("field-" + configField);
        form.add(component);
        return component;
    }

    void addInfo(Component component) {
        form.add(component);
        form.setColspan(component, 2);
    }

    void open(T value) {
        binder.readRecord(value);
        open();
    }

    private void save(Consumer<T> save, Runnable saved) {
        error.setText("");
        fields.values().forEach(f -> f.setInvalid(false));
        final T value;
        try {
            value = binder.writeRecord();
        } catch (ValidationException e) {
            error.setText("Please correct the marked fields.");
            return;
        }
        try {
            save.accept(value);
        } catch (ConfigException e) {
            var field = fields.get(e.field());
            var message = e.getMessage().startsWith(e.field() + ": ") ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
            if (field != null) {
                field.setErrorMessage(message);
                field.setInvalid(true);
            }
            error.setText("Not saved: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            error.setText("Not saved: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return;
        }
        close();
        saved.run();
    }
}
