package org.minibuildd.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.support.Chromium;
import org.minibuildd.support.IsolatedDaemonIT;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium, headless, loads the dashboard and reads what a first-time visitor sees. */
class DashboardBrowserIT extends IsolatedDaemonIT {

    /** Its own home: the empty state needs an instance without repositories, whatever other tests set up. */
    @org.springframework.test.context.DynamicPropertySource
    static void ownHome(org.springframework.test.context.DynamicPropertyRegistry registry) {
        var home = org.minibuildd.support.TestHome.create("dashboard");
        registry.add("minibuildd.home", home::toString);
    }


    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired org.minibuildd.events.Events events;
    @org.springframework.beans.factory.annotation.Autowired org.springframework.transaction.support.TransactionTemplate transaction;

    @Test
    void dashboardShowsIdentityTheEmptyStateAndNewEventsLive() {
        browser.get(url("/"));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        var identity = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("instance-identity")));
        assertThat(identity.getText()).isEqualTo("mini-buildd: " + IDENTITY);
        var empty = browser.findElement(By.id("empty-repositories"));
        assertThat(empty.getText()).contains("No repositories yet").contains("setup").contains("dput");
        assertThat(browser.findElement(By.id("empty-events")).getText()).contains("No events yet", "dput", "ftp://");
        assertThat(browser.getTitle()).isEqualTo("mini-buildd");

        // An event committed now appears on the open page (pushed), with its reason; the empty state goes.
        var rejected = transaction.execute(status -> events.log(org.minibuildd.events.EventType.REJECTED, "bookworm-test-unstable",
                "live-pkg", "1.0-1", java.util.Map.of("architecture", "source",
                        "error", java.util.Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                                "detail", "version 1.0-1 does not match the layout's version rule"))));
        var line = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("event-" + rejected.id())));
        assertThat(line.getText()).contains("REJECTED", "live-pkg 1.0-1", "bookworm-test-unstable", "version rule");
        assertThat(browser.findElements(By.id("empty-events"))).isEmpty();
    }
}
