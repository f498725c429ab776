package org.minibuildd.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.minibuildd.config.ConfigException;
import org.minibuildd.config.LifecycleException;
import org.minibuildd.config.UploaderService;

/**
 * {@code /profile}: the logged-in user's Uploader (key, repositories, status) and the form to set the key, the
 * same service the API call {@code set_user_key} uses. A new key has to be activated by an administrator.
 */
@Route("profile")
@PageTitle("mini-buildd: profile")
@PermitAll
public class ProfileView extends VerticalLayout {

    private final UploaderService uploaders;
    private final String user;
    private final Div uploader = new Div();

    ProfileView(UploaderService uploaders, AuthenticationContext authentication) {
        this.uploaders = uploaders;
        this.user = authentication.getPrincipalName().orElseThrow();
        addClassName("mb-profile");
        var back = new Anchor("", "Dashboard");
        back.setId("profile-dashboard");
        var title = new H1("Profile of " + user);
        title.setId("profile-title");
        uploader.setId("profile-uploader");

        var key = new TextArea("Your OpenPGP public key (ASCII-armored)");
        key.setId("profile-key");
        key.setWidthFull();
        key.setMinHeight("12rem");
        key.setHelperText("gpg --armor --export-options export-minimal --export <your key id>");
        var set = new Button("Set key", e -> setKey(key));
        set.setId("profile-set-key");
        set.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(back, title, new H2("Uploader"), uploader, key, set);
        showUploader();
    }

    private void setKey(TextArea key) {
        key.setInvalid(false);
        try {
            uploaders.setKey(user, key.getValue());
            key.clear();
        } catch (ConfigException | LifecycleException e) {
            key.setErrorMessage(e.getMessage());
            key.setInvalid(true);
        }
        showUploader();
    }

    private void showUploader() {
        uploader.removeAll();
        var found = uploaders.find(user);
        if (found.isEmpty()) {
            var none = new Paragraph("No key yet: paste your public key below. Once an administrator has activated it for "
                    + "a repository, your signed uploads (debsign) to that repository count.");
            none.setId("profile-no-key");
            uploader.add(none);
            return;
        }
        var u = found.get();
        uploader.add(line("profile-key-name", "Key: " + u.keyName()),
                line("profile-fingerprint", "Fingerprint: " + u.fingerprint()),
                line("profile-may-upload-to", "May upload to: " + (u.mayUploadTo().isEmpty() ? "no repository yet"
                        : String.join(", ", u.mayUploadTo()))),
                line("profile-status", "Status: " + u.state().describe() + (u.state().isActive() ? ""
                        : " — an administrator must activate it before your uploads count")));
    }

    private static Div line(String id, String text) {
        var line = new Div(new Span(text));
        line.setId(id);
        return line;
    }
}
