package org.minibuildd;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The mini-buildd daemon: one JVM serving HTTP (UI, API, repositories) and FTP incoming. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MiniBuilddApplication {

    public static void main(String[] args) {
        // jOOQ's start-up logo and tips are noise in a daemon's log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SpringApplication.run(MiniBuilddApplication.class, args);
    }
}
