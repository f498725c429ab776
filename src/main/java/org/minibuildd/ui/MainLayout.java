package org.minibuildd.ui;

import java.util.Locale;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.Lumo;
import org.minibuildd.builder.Builds;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.PackageName;
import org.minibuildd.events.EventFeed;
import org.minibuildd.events.Events;

/**
 * The frame of every view: the instance's identity, the navigation of mini-buildd's pages (Configuration for
 * administrators), a source-package search with completion, the engine's state and load (updated as builds start
 * and end), the login state, and light or dark Lumo. On a phone the navigation folds into the drawer.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** Where the viewer's choice of light or dark is kept, in the browser. */
    private static final String THEME_KEY = "mini-buildd-theme";

    private final EventFeed feed;
    private final Builds builds;
    private final Span engine = new Span();
    private AutoCloseable listening;

    MainLayout(InstanceService instances, Events events, EventFeed feed, Builds builds, AuthenticationContext authentication) {
        this.feed = feed;
        this.builds = builds;
        setPrimarySection(Section.DRAWER);
        addClassName("mb-shell");

        var identity = new Anchor("/", "mini-buildd: " + instances.instance().identity());
        identity.setId("shell-identity");
        identity.addClassName("mb-shell-identity");

        engine.setId("engine-state");
        engine.getElement().getThemeList().add("badge success");
        showEngine();

        var header = new HorizontalLayout(new DrawerToggle(), identity, search(events), engine, theme(), account(authentication));
        header.setId("shell-header");
        header.addClassName("mb-shell-header");
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.setSpacing(true);
        addToNavbar(header);
        addToDrawer(navigation(authentication));
    }

    /** The sections of the site; paths are mini-buildd's. */
    private static SideNav navigation(AuthenticationContext authentication) {
        var nav = new SideNav();
        nav.setId("shell-nav");
        nav.addItem(item("Dashboard", "", VaadinIcon.DASHBOARD),
                item("Events", "mini_buildd/events", VaadinIcon.BELL),
                item("Builds", "mini_buildd/builds", VaadinIcon.COGS),
                item("Repositories", "mini_buildd/repositories", VaadinIcon.ARCHIVES),
                item("Builders", "mini_buildd/builders", VaadinIcon.SERVER),
                item("API", "mini_buildd/api", VaadinIcon.CODE));
        if (authentication.hasRole("ADMIN")) {
            nav.addItem(item("Configuration", "config", VaadinIcon.WRENCH));
        }
        return nav;
    }

    private static SideNavItem item(String label, String path, VaadinIcon icon) {
        var item = new SideNavItem(label, path, icon.create());
        item.setId("nav-" + (path.isEmpty() ? "dashboard" : path.substring(path.lastIndexOf('/') + 1)));
        return item;
    }

    /**
     * Completion from the sources this instance knows (those with events); choosing one, or Enter on any valid
     * source name, opens its package page.
     */
    private static ComboBox<String> search(Events events) {
        var search = new ComboBox<String>();
        search.setId("source-search");
        search.setPlaceholder("Source package…");
        search.setAriaLabel("Search a source package");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setAllowCustomValue(true);
        search.setItems(query -> events.sources(query.getFilter().orElse("").strip().toLowerCase(Locale.ROOT),
                query.getOffset(), query.getLimit()).stream());
        search.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                open(change.getValue());
            }
        });
        search.addCustomValueSetListener(custom -> open(custom.getDetail()));
        search.addClassName("mb-source-search");
        return search;
    }

    private static void open(String source) {
        var name = source.strip().toLowerCase(Locale.ROOT);
        if (PackageName.isValid(name)) {
            UI.getCurrent().navigate("mini_buildd/packages/" + name);
        } else {
            com.vaadin.flow.component.notification.Notification.show("\"" + source + "\" is not a source package name "
                    + "(lower case letters, digits, + - . ; at least two characters)", 5000,
                    com.vaadin.flow.component.notification.Notification.Position.MIDDLE);
        }
    }

    /** Light or dark Lumo; the choice stays in the browser, the first visit follows the system's preference. */
    private Button theme() {
        var toggle = new Button(VaadinIcon.ADJUST.create(), click -> {
            var themes = UI.getCurrent().getElement().getThemeList();
            var dark = !themes.contains(Lumo.DARK);
            themes.set(Lumo.DARK, dark);
            UI.getCurrent().getPage().executeJs("localStorage.setItem($0, $1)", THEME_KEY, dark ? "dark" : "light");
        });
        toggle.setId("theme-toggle");
        toggle.setAriaLabel("Switch between light and dark");
        toggle.setTooltipText("Light or dark");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return toggle;
    }

    /** Who is logged in (with the way out), or the way in: the plain login page mini-buildd's clients use too. */
    private static Div account(AuthenticationContext authentication) {
        var box = new Div();
        box.setId("account");
        box.addClassName("mb-account");
        var name = authentication.getPrincipalName();
        if (name.isPresent()) {
            var role = authentication.hasRole("ADMIN") ? "admin" : authentication.hasRole("STAFF") ? "staff" : "user";
            var user = new Span(name.get() + " (" + role + ")");
            user.setId("logged-in-user");
            var logout = new Anchor("/accounts/logout/", "Log out");
            logout.setId("logout");
            logout.setRouterIgnore(true);
            var profile = new com.vaadin.flow.router.RouterLink("Profile", ProfileView.class);
            profile.setId("profile");
            box.add(user, new Span(" · "), profile, new Span(" · "), logout);
        } else {
            var login = new Anchor("/accounts/login/?next=/", "Log in");
            login.setId("login");
            login.setRouterIgnore(true);
            box.add(new Span("Not logged in · "), login);
        }
        return box;
    }

    private void showEngine() {
        var load = builds.load();
        engine.setText(load < 0 ? "Running · not building" : String.format(Locale.ROOT, "Running · load %.2f", load));
        engine.getElement().setAttribute("title", "The engine runs: it takes uploads and builds; load is running "
                + "builds per build slot");
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        var ui = attach.getUI();
        ViewerTime.learn(ui);
        ui.getPage().executeJs("var t = localStorage.getItem($0);"
                        + "return t ? t : (window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');",
                THEME_KEY).then(String.class, chosen -> ui.getElement().getThemeList().set(Lumo.DARK, "dark".equals(chosen)));
        // Builds start and end with events: that is when the load changes.
        listening = feed.listen(event -> ui.access(this::showEngine));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception e) {
            // removing a listener cannot fail
        }
        super.onDetach(detach);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent navigation) {
        // The drawer is an overlay on a phone: it closes once the visitor went somewhere.
        if (isOverlay()) {
            setDrawerOpened(false);
        }
    }
}
