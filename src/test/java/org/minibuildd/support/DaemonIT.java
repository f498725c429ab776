package org.minibuildd.support;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that need the whole daemon: a real private PostgreSQL cluster in a fresh home, HTTP on
 * a random port. Subclasses share one running daemon (Spring caches the context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DaemonIT {

    protected static final Path HOME = TestHome.create("daemon");
    protected static final String IDENTITY = "itest";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void daemonSettings(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", HOME::toString);
        registry.add("minibuildd.identity", () -> IDENTITY);
        registry.add("minibuildd.hostname", () -> "build.example.org");
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
