package org.minibuildd.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole daemon on a random port, with the identity tests expect; the subclass names the home (and so the
 * private cluster and database) with its own {@code @DynamicPropertySource} for {@code minibuildd.home}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IsolatedDaemonIT {

    protected static final String IDENTITY = "itest";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void daemonSettings(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.identity", () -> IDENTITY);
        registry.add("minibuildd.hostname", () -> "build.example.org");
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
