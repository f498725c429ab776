package org.minibuildd.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.Chromium;
import org.minibuildd.support.DaemonIT;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** In Debian's chromium: from the dashboard to the plain login page and back, logged in; then out again. */
class LoginBrowserIT extends DaemonIT {

    @Autowired
    AdminPassword adminPassword;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void logIn(String password) {
        browser.get(url("/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        wait.until(ExpectedConditions.urlContains("/accounts/login/"));
        browser.findElement(By.id("id_username")).sendKeys("admin");
        browser.findElement(By.id("id_password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    @Test
    void logInFromTheDashboardSeeTheNameAndLogOut() {
        logIn(adminPassword.password());
        var user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logged-in-user")));
        assertThat(user.getText()).isEqualTo("admin (admin)");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        // The dashboard itself is unchanged for a logged-in user.
        assertThat(browser.findElement(By.id("instance-identity")).getText()).isEqualTo("mini-buildd: " + IDENTITY);
        // Its repositories section is there as for anyone (other tests sharing this daemon may have made repositories).
        assertThat(browser.findElement(By.id("repositories")).isDisplayed()).isTrue();

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-submit"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(browser.findElement(By.id("account")).getText()).contains("Not logged in");
    }

    @Test
    void aWrongPasswordShowsTheErrorOnTheLoginPage() {
        logIn(adminPassword.password() + "-wrong");
        var error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).contains("Login failed");
        assertThat(browser.getCurrentUrl()).contains("/accounts/login/");
    }
}
