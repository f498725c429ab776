package org.minibuildd.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole daemon on a random port, with the identity and host name tests expect; the subclass names the home
 * (and so the private cluster and database) with its own {@code @DynamicPropertySource} for {@code minibuildd.home}.
 * Identity and host name are plain test properties, so a subclass that needs others (a real, reachable host name)
 * declares its own {@code @SpringBootTest}. FTP incoming does not listen (its spool is still scanned): daemons of
 * several test classes live at once and would all claim port 8067; a test that uploads over FTP turns it on with
 * a free {@code minibuildd.ftp-port}. Chroots are prepared from the machine's seed tree ({@link ChrootSeed}) when it
 * is there, by debootstrap when not, under schroot names of the daemon's own ({@link TestSchroots}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minibuildd.identity=" + IsolatedDaemonIT.IDENTITY, "minibuildd.hostname=build.example.org",
                "minibuildd.incoming.listen=false", "minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT})
public abstract class IsolatedDaemonIT {

    protected static final String IDENTITY = "itest";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void schrootNamesOfItsOwn(DynamicPropertyRegistry registry) {
        // Called once per daemon (application context) made: one prefix for its whole life.
        var prefix = TestSchroots.newPrefix();
        registry.add("minibuildd.chroots.schroot-prefix", () -> prefix);
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
