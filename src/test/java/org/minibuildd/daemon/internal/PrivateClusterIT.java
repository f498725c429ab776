package org.minibuildd.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.support.TestHome;

/** The private cluster with Debian's real PostgreSQL binaries: init, reuse, stop, and recovery after kill -9. */
class PrivateClusterIT {

    private final ProcessRunner runner = new ProcessRunner();
    private Path home;
    private PrivateCluster cluster;

    @BeforeEach
    void setUp() {
        home = TestHome.create("cluster");
        cluster = newCluster();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private PrivateCluster newCluster() {
        return new PrivateCluster(home.resolve("db"), home.resolve("log/postgresql.log"),
                PrivateCluster.findDebianBinaries(), new UnixSystem().getUid() == 0 ? "mini-buildd" : null, runner);
    }

    @Test
    void initialisesStartsServesAndStopsCleanly() throws Exception {
        cluster.start();
        assertThat(home.resolve("db/PG_VERSION")).exists();
        assertThat(query("SELECT current_database()")).isEqualTo("minibuildd");
        assertThat(query("SHOW listen_addresses")).as("no TCP port").isEmpty();

        cluster.close();
        assertThat(cluster.isRunning()).isFalse();
        assertThat(home.resolve("db/postmaster.pid")).doesNotExist();
    }

    @Test
    void secondStartReusesTheClusterAndItsData() throws Exception {
        cluster.start();
        execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        cluster.close();

        cluster = newCluster();
        cluster.start();
        assertThat(query("SELECT v FROM kept")).isEqualTo("still here");
    }

    @Test
    void adoptsAClusterLeftRunningByAKilledDaemon() throws Exception {
        cluster.start();
        var pid = postmasterPid();
        // The daemon died with kill -9; its cluster lives on. A new daemon takes it over.
        cluster = newCluster();
        cluster.start();
        assertThat(postmasterPid()).isEqualTo(pid);
        assertThat(query("SELECT 1")).isEqualTo("1");
    }

    @Test
    void startsAfterTheWholeDaemonWasKilledWithStaleLockFiles() throws Exception {
        cluster.start();
        var pid = postmasterPid();
        // kill -9 of everything: the postmaster and all its children, as a power cut or OOM killer would.
        var postmaster = ProcessHandle.of(pid).orElseThrow();
        var family = new java.util.ArrayList<>(postmaster.descendants().toList());
        family.add(postmaster);
        family.forEach(ProcessHandle::destroyForcibly);
        for (var member : family) {
            waitUntilGone(member.pid());
        }
        // Make the leftover pid file point at a live process that is not postgres (a recycled pid).
        var pidFile = home.resolve("db/postmaster.pid");
        assertThat(pidFile).as("kill -9 leaves the pid file").exists();
        var lines = Files.readAllLines(pidFile);
        lines.set(0, String.valueOf(ProcessHandle.current().pid()));
        Files.write(pidFile, lines);

        cluster = newCluster();
        cluster.start();
        assertThat(query("SELECT 1")).isEqualTo("1");
        assertThat(postmasterPid()).isNotEqualTo(pid);
    }

    @Test
    void refusesAHomeTooLongForAUnixSocket() {
        var deep = home.resolve("x".repeat(120));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PrivateCluster(deep.resolve("db"),
                        deep.resolve("log"), PrivateCluster.findDebianBinaries(), null, runner))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too long");
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(home.resolve("db/postmaster.pid")).getFirst().strip());
    }

    private String query(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), cluster.password());
             var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), cluster.password())) {
            connection.createStatement().execute(sql);
        }
    }

    private static void waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
    }

}
