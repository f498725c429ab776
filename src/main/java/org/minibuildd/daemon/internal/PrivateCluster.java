package org.minibuildd.daemon.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's own PostgreSQL cluster in {@code home/db}, run with Debian's server binaries. It listens on a Unix
 * socket inside its data directory only (no TCP port to clash with or to secure), so local "trust" is safe: only
 * the owner of the directory can reach the socket. Started before the schema migration, stopped after the
 * connection pool on shutdown.
 */
public final class PrivateCluster implements DatabaseServer {

    private static final Logger log = LoggerFactory.getLogger(PrivateCluster.class);
    static final String SUPERUSER = "minibuildd";
    static final String DATABASE = "minibuildd";
    private static final String SETTINGS_FILE = "mini-buildd.conf";
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final Path logFile;
    private final Path bin;
    private final String runAs;
    private final ProcessRunner runner;

    /**
     * @param runAs system user to run the server as when we are root (PostgreSQL refuses root), else {@code null}
     */
    public PrivateCluster(Path dataDir, Path logFile, Path bin, String runAs, ProcessRunner runner) {
        this.dataDir = dataDir.toAbsolutePath();
        this.logFile = logFile.toAbsolutePath();
        this.bin = bin;
        this.runAs = runAs;
        this.runner = runner;
        // A Unix socket path is limited to 107 bytes; fail now with the reason rather than later with a riddle.
        if (socketFile().toString().length() > 100) {
            throw new IllegalStateException("the mini-buildd home path is too long for PostgreSQL's Unix socket: "
                    + socketFile() + " (at most 100 characters); choose a shorter minibuildd.home");
        }
    }

    /** The newest PostgreSQL server Debian installed, e.g. {@code /usr/lib/postgresql/15/bin}. */
    public static Path findDebianBinaries() {
        var root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D.*", "0"))))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under " + root
                            + ": install Debian's postgresql package (bin/mini-buildd run does it)"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server under " + root
                    + ": install Debian's postgresql package (bin/mini-buildd run does it)", e);
        }
    }

    public Path socketDirectory() {
        return dataDir;
    }

    Path socketFile() {
        return dataDir.resolve(".s.PGSQL.5432");
    }

    @Override
    public void start() {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initialise();
        }
        writeSettings();
        if (isRunning()) {
            // The daemon was killed while its cluster lived on: adopt it rather than start a second one.
            log.info("PostgreSQL cluster in {} is already running, reusing it", dataDir);
        } else {
            removeStaleLocks();
            log.info("starting PostgreSQL cluster in {}", dataDir);
            pgCtl("-l", logFile.toString(), "-w", "-t", String.valueOf(PG_CTL_TIMEOUT.toSeconds()), "start");
        }
        createDatabaseIfMissing();
    }

    @Override
    public void close() {
        if (isRunning()) {
            log.info("stopping PostgreSQL cluster in {}", dataDir);
            pgCtl("-m", "fast", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT.toSeconds()), "stop");
        }
    }

    @Override
    public String jdbcUrl() {
        // junixsocket's factory connects to the socket file; host and port are ignored but must parse.
        return "jdbc:postgresql://localhost/" + DATABASE
                + "?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
                + "&socketFactoryArg=" + socketFile()
                + "&sslmode=disable";
    }

    @Override
    public String user() {
        return SUPERUSER;
    }

    @Override
    public String password() {
        return "";
    }

    boolean isRunning() {
        try {
            runner.run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "status")));
            return true;
        } catch (ProcessFailedException.NonZeroExit e) {
            return false; // 3: not running; 4: no cluster here
        }
    }

    private void initialise() {
        log.info("initialising the private PostgreSQL cluster in {}", dataDir);
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(logFile.getParent());
            giveToOwner(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + dataDir, e);
        }
        runner.run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-U", SUPERUSER, "--auth-local=trust", "--auth-host=reject",
                "-E", "UTF8", "--locale=C.UTF-8")));
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"),
                    "\n# mini-buildd: paths and sizes, rewritten at every start\ninclude_if_exists = '" + SETTINGS_FILE + "'\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the cluster in " + dataDir, e);
        }
    }

    /** Rewritten at each start so a moved home still finds its socket. Small: the daemon needs few connections. */
    private void writeSettings() {
        var settings = """
                listen_addresses = ''
                unix_socket_directories = '%s'
                unix_socket_permissions = 0700
                max_connections = 40
                shared_buffers = 32MB
                logging_collector = off
                """.formatted(dataDir);
        try {
            var file = dataDir.resolve(SETTINGS_FILE);
            Files.writeString(file, settings, StandardCharsets.UTF_8);
            giveToOwner(file);
            // The server appends to its log as its own user; the log directory is the daemon's.
            if (!Files.exists(logFile)) {
                Files.createDirectories(logFile.getParent());
                Files.createFile(logFile);
            }
            giveToOwner(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SETTINGS_FILE + " in " + dataDir, e);
        }
    }

    /**
     * After a {@code kill -9} of the whole daemon the server's pid and socket lock files stay behind. PostgreSQL
     * itself refuses to start when their pid now belongs to some other process, so remove them once we know no
     * postgres of ours owns them.
     */
    private void removeStaleLocks() {
        for (var lock : List.of(dataDir.resolve("postmaster.pid"), dataDir.resolve(".s.PGSQL.5432.lock"))) {
            try {
                if (Files.exists(lock) && !isPostgres(firstLinePid(lock))) {
                    log.warn("removing stale PostgreSQL lock file {}", lock);
                    Files.delete(lock);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale lock file " + lock, e);
            }
        }
    }

    private static long firstLinePid(Path lock) throws IOException {
        var lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? -1 : Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isPostgres(long pid) {
        return pid > 0 && ProcessHandle.of(pid)
                .flatMap(p -> p.info().command())
                .map(cmd -> Path.of(cmd).getFileName().toString().startsWith("postgres"))
                .orElse(false);
    }

    private void createDatabaseIfMissing() {
        var psql = List.of(bin.resolve("psql").toString(), "-h", dataDir.toString(), "-U", SUPERUSER,
                "-d", "postgres", "-tAc");
        var exists = runner.run(asOwner(concat(psql, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")));
        if (!exists.stdoutText().strip().equals("1")) {
            runner.run(asOwner(concat(psql, "CREATE DATABASE " + DATABASE)));
        }
    }

    private void pgCtl(String... args) {
        var argv = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        argv.addAll(List.of(args));
        runner.run(asOwner(argv).withTimeout(PG_CTL_TIMEOUT.plusSeconds(10)));
    }

    private Command asOwner(List<String> argv) {
        var full = new ArrayList<String>();
        if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(argv);
        return Command.of(full).withEnv("LC_ALL", "C.UTF-8").withTimeout(PG_CTL_TIMEOUT);
    }

    private void giveToOwner(Path path) throws IOException {
        if (runAs != null) {
            var owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
            Files.setOwner(path, owner);
        }
    }

    private static List<String> concat(List<String> head, String last) {
        var all = new ArrayList<>(head);
        all.add(last);
        return all;
    }
}
