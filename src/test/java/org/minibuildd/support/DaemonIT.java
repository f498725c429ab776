package org.minibuildd.support;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that need the whole daemon: a real private PostgreSQL cluster in a fresh home, HTTP on
 * a random port. Subclasses share one running daemon (Spring caches the context); a test that needs a daemon of
 * its own extends {@link IsolatedDaemonIT} instead.
 */
public abstract class DaemonIT extends IsolatedDaemonIT {

    protected static final Path HOME = TestHome.create("daemon");

    @DynamicPropertySource
    static void sharedHome(DynamicPropertyRegistry registry) {
        registry.add("minibuildd.home", HOME::toString);
    }
}
