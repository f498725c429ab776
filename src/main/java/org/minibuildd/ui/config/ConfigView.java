package org.minibuildd.ui.config;

import java.util.EnumMap;
import java.util.Map;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.ConfigObjectService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;

/**
 * The configuration editors at {@code /config}, for administrators: per type the objects with their status and
 * the status actions (prepare, check, activate, deactivate, remove, PCA), edit forms for Daemon, Distribution,
 * Repository, Source and Uploader (may upload to), and the archives.
 */
@Route("config")
@PageTitle("mini-buildd: configuration")
@RolesAllowed("ADMIN")
public class ConfigView extends VerticalLayout {

    private static final Map<ObjectType, String> EMPTY = Map.of(
            ObjectType.DAEMON, "No daemon configuration yet: it is created when the daemon starts.",
            ObjectType.APT_KEY, "No AptKeys yet — the setup adds the signing keys of the archives it sets up.",
            ObjectType.UPLOADER, "No uploaders yet — users set their key with set_user_key (API page or their profile); give it repositories (Edit) and activate it here.",
            ObjectType.REMOTE, "No remotes yet — add one with the setup or the remote wizard.",
            ObjectType.SOURCE, "No sources yet — run the setup (API call \"setup\") to add sources from your archives.",
            ObjectType.REPOSITORY, "No repositories yet — run the setup (API call \"setup\") to create one.",
            ObjectType.CHROOT, "No chroots yet — run the setup or the chroot wizard to add build chroots.");

    private final Map<ObjectType, StatusPanel> panels = new EnumMap<>(ObjectType.class);

    ConfigView(ConfigObjectService objects, ConfigActions actions, ConfigEditService edits) {
        addClassName("mb-config");
        var title = new H1("Configuration");
        title.setId("config-title");
        var back = new Anchor("", "Dashboard");
        back.setId("config-dashboard");
        add(back, title, new Paragraph("Objects with data on the system go Removed → Prepared → Active. An edited "
                + "object is marked changed and is not used until it is prepared and checked again: PCA does all three."));

        var tabs = new TabSheet();
        tabs.setId("config-tabs");
        tabs.setWidthFull();
        for (var type : ObjectType.values()) {
            var panel = new StatusPanel(type, EMPTY.get(type), objects, actions, editor(type, edits));
            panels.put(type, panel);
            var tab = tabs.add(new Tab(type.label()), panel);
            tab.setId("tab-" + StatusPanel.slug(type.label()));
            if (type == ObjectType.SOURCE) {
                var distributions = new DistributionsPanel(edits, this::refreshAll);
                tabs.add(new Tab("Distribution"), distributions).setId("tab-distribution");
                var archives = new ArchivesPanel(edits, this::refreshAll);
                tabs.add(new Tab("Archive"), archives).setId("tab-archive");
            }
        }
        tabs.addSelectedChangeListener(e -> refreshAll());
        add(tabs);
    }

    private void refreshAll() {
        panels.values().forEach(StatusPanel::refresh);
    }

    private java.util.function.Consumer<ObjectRef> editor(ObjectType type, ConfigEditService edits) {
        Runnable saved = () -> {
            StatusPanel.notify("result", "Saved: a prepared or active object is now marked changed (PCA it to use it again)",
                    com.vaadin.flow.component.notification.NotificationVariant.LUMO_SUCCESS);
            refreshAll();
        };
        return switch (type) {
            case DAEMON -> ref -> Editors.daemon(edits, saved);
            case SOURCE -> ref -> edits.sources().stream().filter(s -> s.source().object().equals(ref)).findFirst()
                    .ifPresent(s -> Editors.source(edits, s, saved));
            case REPOSITORY -> ref -> edits.repositories().stream().filter(r -> r.identity().equals(ref.key())).findFirst()
                    .ifPresent(r -> Editors.repository(edits, r, saved));
            case UPLOADER -> ref -> edits.uploaders().stream().filter(u -> u.user().equals(ref.key())).findFirst()
                    .ifPresent(u -> Editors.uploader(edits, u, saved));
            default -> null;
        };
    }
}
