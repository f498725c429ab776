package org.minibuildd.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.Chromium;
import org.minibuildd.support.DaemonIT;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In Debian's chromium: the configuration editors are for administrators only; an administrator runs status
 * actions on the Daemon (no network needed) and edits it, and sees the status follow.
 */
class ConfigBrowserIT extends DaemonIT {

    @Autowired AdminPassword adminPassword;
    @Autowired UserService users;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.startWide();
        wait = Chromium.waitFor(browser);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void logInOnThisPage(String user, String password) {
        Chromium.logInOnThisPage(browser, user, password);
    }

    private String text(String id) {
        return Chromium.text(browser, id);
    }

    private void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBe(By.id(id), text));
    }

    private void type(String fieldId, String value) {
        var input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + fieldId + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
    }

    @Test
    void anAnonymousVisitorIsSentToTheLoginAndAnAdministratorComesBackToTheConfiguration() {
        browser.get(url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("instance-identity")));
        assertThat(browser.findElements(By.id("config-link"))).as("no link for anonymous visitors").isEmpty();

        browser.get(url("/config"));
        wait.until(ExpectedConditions.urlContains("/accounts/login/"));
        assertThat(browser.findElements(By.id("config-title"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("grid-daemon");

        logInOnThisPage("admin", adminPassword.password());
        assertThat(text("config-title")).isEqualTo("Configuration");
        // Spring Security marks the way back with "?continue".
        assertThat(browser.getCurrentUrl()).startsWith(url("/config"));
    }

    @Test
    void aUserWhoIsNoAdministratorDoesNotSeeTheConfiguration() {
        users.create("carol", "carol-password", "carol@example.org", Role.USER);
        browser.get(url("/accounts/login/"));
        logInOnThisPage("carol", "carol-password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logged-in-user")));
        assertThat(browser.findElements(By.id("config-link"))).isEmpty();

        browser.get(url("/config"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        // Vaadin's answer for a view the account may not see: as if it did not exist.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Could not navigate to 'config'"));
        assertThat(browser.findElements(By.id("config-title"))).isEmpty();
        assertThat(browser.findElements(By.id("status-daemon-daemon"))).isEmpty();
    }

    @Test
    void anAdministratorDeactivatesAndPcasTheDaemonAndEditsIt() {
        browser.get(url("/accounts/login/"));
        logInOnThisPage("admin", adminPassword.password());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("config-link"))).click();
        assertThat(text("config-title")).isEqualTo("Configuration");

        // Whatever state other tests left it in: PCA puts it in use.
        browser.findElement(By.id("pca-daemon-daemon")).click();
        waitForText("status-daemon-daemon", "Active");
        assertThat(text("check-state-daemon-daemon")).startsWith("Checked at");
        assertThat(text("message-daemon-daemon")).isEqualTo("pca succeeded");

        browser.findElement(By.id("deactivate-daemon-daemon")).click();
        waitForText("status-daemon-daemon", "Prepared");
        assertThat(text("message-daemon-daemon")).isEqualTo("deactivate succeeded");

        browser.findElement(By.id("pca-daemon-daemon")).click();
        waitForText("status-daemon-daemon", "Active");

        // A refused value is shown on its field, and nothing changes.
        browser.findElement(By.id("edit-daemon-daemon")).click();
        type("field-email_address", "not-an-address");
        browser.findElement(By.id("edit-save")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("field-email_address"), "invalid", "true"));
        assertThat(text("edit-error")).contains("email_address").contains("is not an email address");
        waitForText("status-daemon-daemon", "Active");

        type("field-email_address", "ci@example.org");
        type("field-max_parallel_builds", "3");
        browser.findElement(By.id("edit-save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("edit-save")));
        waitForText("status-daemon-daemon", "Prepared");
        assertThat(text("check-state-daemon-daemon")).isEqualTo("Changed: prepare again");

        // A changed object must be prepared before it is checked: the reason is shown.
        browser.findElement(By.id("check-daemon-daemon")).click();
        assertThat(text("action-failure")).contains("prepare it first");
        assertThat(text("status-daemon-daemon")).isEqualTo("Prepared");

        browser.findElement(By.id("pca-daemon-daemon")).click();
        waitForText("status-daemon-daemon", "Active");
        assertThat(text("check-state-daemon-daemon")).startsWith("Checked at");

        browser.findElement(By.id("edit-daemon-daemon")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#field-max_parallel_builds input")))
                .getDomProperty("value")).isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("#field-email_address input")).getDomProperty("value")).isEqualTo("ci@example.org");
        browser.findElement(By.id("edit-cancel")).click();
    }
}
