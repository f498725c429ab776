package org.minibuildd.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.Chromium;
import org.minibuildd.support.DaemonIT;
import org.minibuildd.support.UploaderGpg;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In Debian's chromium: a user sets their key on their profile page and sees that it waits for an administrator;
 * the administrator finds the Uploader in /config, opens its "may upload to" editor and activates it.
 */
class UploaderBrowserIT extends DaemonIT {

    private static final String USER = "dora-uploader";
    private static final String PASSWORD = "dora's password";

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

    private void logIn(String user, String password) {
        browser.get(url("/accounts/login/"));
        Chromium.logInOnThisPage(browser, user, password);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logged-in-user")));
    }

    private String text(String id) {
        return Chromium.text(browser, id);
    }

    @Test
    void aUserSetsTheirKeyOnTheProfileAndAnAdministratorActivatesTheUploader() throws Exception {
        if (users.find(USER).isEmpty()) {
            users.create(USER, PASSWORD, "dora@example.org", Role.USER);
        }
        try (var gpg = UploaderGpg.generate("Dora Uploader <dora@example.org>")) {
            logIn(USER, PASSWORD);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("profile"))).click();
            assertThat(text("profile-title")).isEqualTo("Profile of " + USER);
            assertThat(text("profile-no-key")).contains("No key yet");

            var key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#profile-key textarea")));
            key.sendKeys("not a key\nat all");
            browser.findElement(By.id("profile-set-key")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("profile-key"), "invalid", "true"));
            assertThat(browser.findElement(By.id("profile-key")).getDomProperty("errorMessage")).startsWith("key: ");

            key.clear();
            key.sendKeys(gpg.exportArmored());
            browser.findElement(By.id("profile-set-key")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("profile-fingerprint"), gpg.fingerprint()));
            assertThat(text("profile-key-name")).contains("Dora Uploader <dora@example.org>");
            assertThat(text("profile-may-upload-to")).contains("no repository yet");
            assertThat(text("profile-status")).startsWith("Status: Prepared").contains("an administrator must activate it");

            browser.manage().deleteAllCookies();
            logIn("admin", adminPassword.password());
            browser.get(url("/config"));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-uploader"))).click();
            var ref = "uploader-" + USER;
            wait.until(ExpectedConditions.textToBe(By.id("status-" + ref), "Prepared"));
            browser.findElement(By.id("edit-" + ref)).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-may_upload_to")));
            browser.findElement(By.id("edit-cancel")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("edit-save")));
            browser.findElement(By.id("pca-" + ref)).click();
            wait.until(ExpectedConditions.textToBe(By.id("status-" + ref), "Active"));

            browser.manage().deleteAllCookies();
            logIn(USER, PASSWORD);
            browser.get(url("/profile"));
            assertThat(text("profile-status")).startsWith("Status: Active").doesNotContain("must activate");
        }
    }
}
