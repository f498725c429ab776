package org.minibuildd.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium, headless, for browser tests. */
public final class Chromium {

    private Chromium() {
    }

    /**
     * Explicit binaries so Selenium Manager never tries to download a browser; no background networking (this
     * machine's network is closed) and a fresh profile per browser.
     */
    public static ChromeDriver start() {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + Files.createTempDirectory("mb-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    /** A browser with room for the configuration's grids and dialogs. */
    public static ChromeDriver startWide() {
        var browser = start();
        browser.manage().window().setSize(new Dimension(1600, 1000));
        return browser;
    }

    /** How long browser tests wait for the live UI. */
    public static WebDriverWait waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Fills in and submits the login form the browser shows. */
    public static void logInOnThisPage(ChromeDriver browser, String user, String password) {
        waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("id_username"))).sendKeys(user);
        browser.findElement(By.id("id_password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    /** The text of the element once it is visible. */
    public static String text(ChromeDriver browser, String id) {
        return waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
    }
}
