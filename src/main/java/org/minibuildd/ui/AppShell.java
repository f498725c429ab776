package org.minibuildd.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-wide settings: server push for live views, Lumo (Vaadin 25 applies no theme by itself) and our CSS. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("mini-buildd.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("mini-buildd");
    }
}
