package org.minibuildd.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.repository.internal.Trees;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * A partial mirror of our repositories made by Debian's {@code debmirror}, over HTTP from this daemon, with
 * mini-buildd's arguments. One difference: mini-buildd tells debmirror to ignore the Release signature; here
 * debmirror checks it against the instance key, so a mirror is only written from Releases we signed.
 */
@Service
public class Debmirror {

    /** mini-buildd's default: {@code ~/debmirror/{}}, the home of the daemon's user, {@code {}} the repository. */
    public static final String IDENTITY_PLACEHOLDER = "{}";
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final RepositoryService repositories;
    private final Home home;
    private final ProcessRunner runner;
    private final InstanceKeyStore keys;
    private final Environment environment;
    private final int configuredPort;

    Debmirror(RepositoryService repositories, Home home, ProcessRunner runner, InstanceKeyStore keys, Environment environment,
              MiniBuilddSettings settings) {
        this.repositories = repositories;
        this.home = home;
        this.runner = runner;
        this.keys = keys;
        this.environment = environment;
        this.configuredPort = settings.httpPort();
    }

    /**
     * What to mirror; empty lists mean all. {@code rollbacks}: up to that many rollbacks per suite (negative: all).
     * {@code destination}: {@code null} or blank for the default; {@code {}} is replaced by the repository identity.
     */
    public record Request(List<String> repositories, List<String> codenames, List<String> suites, int rollbacks,
                          String architectures, String components, String destination) { }

    public String defaultDestination() {
        return home.root().resolve("debmirror").resolve(IDENTITY_PLACEHOLDER).toString();
    }

    /** Mirrors each selected repository; returns its destination by identity. Every check is made before any mirroring. */
    public Map<String, Path> mirror(Request request) {
        var selected = select(request.repositories());
        var pattern = request.destination() == null || request.destination().isBlank() ? defaultDestination() : request.destination().strip();
        var plan = new LinkedHashMap<String, Path>();
        var dists = new LinkedHashMap<String, List<String>>();
        for (var repository : selected) {
            var destination = destination(pattern, repository.identity());
            if (plan.containsValue(destination)) {
                throw new RepositoryRefusal("destination " + destination + " would hold more than one repository: put {} in it");
            }
            var diststrs = diststrs(repository, request);
            if (diststrs.isEmpty()) {
                throw new RepositoryRefusal("repository " + repository.identity() + " has no distribution for these codenames and suites");
            }
            plan.put(repository.identity(), destination);
            dists.put(repository.identity(), diststrs);
        }
        Path work = null;
        try {
            // gpgv gets exactly the instance key: an empty GNUPGHOME leaves out whatever trustedkeys.gpg holds.
            work = Files.createTempDirectory("debmirror-");
            var keyring = work.resolve("instance-key.gpg").toAbsolutePath();
            Files.write(keyring, keys.get().exportBinary());
            var gnupgHome = Files.createDirectory(work.resolve("gnupg"));
            for (var entry : plan.entrySet()) {
                Files.createDirectories(entry.getValue());
                run(entry.getKey(), entry.getValue(), dists.get(entry.getKey()), request, keyring, gnupgHome);
            }
            return plan;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare debmirror: " + e.getMessage(), e);
        } finally {
            try {
                Trees.delete(work);
            } catch (IOException e) {
                // A temporary directory left behind harms nothing.
            }
        }
    }

    private void run(String identity, Path destination, List<String> diststrs, Request request, Path keyring, Path gnupgHome) {
        var port = environment.getProperty("local.server.port", Integer.class, configuredPort);
        var argv = List.of("debmirror", "--verbose",
                "--keyring", keyring.toString(),
                "--diff", "none",
                "--getcontents",
                "--rsync-extra", "none",
                "--host", host() + ":" + port,
                "--method", "http",
                "--root", "/repositories/" + identity,
                "--dist", String.join(",", diststrs),
                "--arch", request.architectures(),
                "--section", request.components(),
                destination.toString());
        try {
            runner.run(Command.of(argv).withEnv("GNUPGHOME", gnupgHome.toString()).withTimeout(TIMEOUT));
        } catch (ProcessFailedException e) {
            throw new RepositoryException("debmirror of " + identity + " into " + destination + " failed: " + e.stderrTail(), e);
        }
    }

    /** Where this daemon listens: loopback, unless it is bound to one address only. */
    private String host() {
        var address = environment.getProperty("server.address", "").strip();
        if (address.isEmpty() || address.equals("0.0.0.0") || address.equals("::")) {
            return "127.0.0.1";
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private List<RepositoryConfig> select(List<String> wanted) {
        var known = repositories.all().stream().map(RepositoryService.Summary::identity).toList();
        for (var identity : wanted) {
            if (!known.contains(identity)) {
                throw new RepositoryRefusal("there is no repository '" + identity + "' (there are: " + String.join(", ", known) + ")");
            }
        }
        var selected = new ArrayList<RepositoryConfig>();
        for (var identity : known) {
            if (wanted.isEmpty() || wanted.contains(identity)) {
                repositories.config(identity).ifPresent(selected::add);
            }
        }
        if (selected.isEmpty()) {
            throw new RepositoryRefusal("there is no repository to mirror");
        }
        return selected;
    }

    /** The distributions as mini-buildd picks them: codenames and suites filtered, rollbacks up to the count. */
    static List<String> diststrs(RepositoryConfig repository, Request request) {
        var all = new ArrayList<String>();
        for (var distribution : repository.distributions()) {
            if (!request.codenames().isEmpty() && !request.codenames().contains(distribution.codename())) {
                continue;
            }
            for (var suite : repository.layout().suites()) {
                if (!request.suites().isEmpty() && !request.suites().contains(suite.suite())) {
                    continue;
                }
                all.add(repository.diststr(distribution.codename(), suite.suite()));
                int count = request.rollbacks() < 0 ? suite.rollback() : Math.min(request.rollbacks(), suite.rollback());
                for (int r = 0; r < count; r++) {
                    all.add(repository.diststr(distribution.codename(), suite.suite(), r));
                }
            }
        }
        return all;
    }

    /**
     * debmirror deletes whatever in its mirror directory is not part of the mirror. So the destination must be an
     * absolute path that is absent, empty, or a mirror debmirror made before (it keeps its {@code .temp} there),
     * and writable by the daemon.
     */
    static Path destination(String pattern, String identity) {
        var text = pattern.replace(IDENTITY_PLACEHOLDER, identity);
        Path path;
        try {
            path = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new RepositoryRefusal("destination '" + text + "' is not a path: " + e.getMessage());
        }
        if (!path.isAbsolute()) {
            throw new RepositoryRefusal("destination '" + text + "' must be an absolute path");
        }
        path = path.normalize();
        if (Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                throw new RepositoryRefusal("destination " + path + " is not a directory");
            }
            if (!Files.isWritable(path)) {
                throw new RepositoryRefusal("destination " + path + " is not writable by the daemon");
            }
            if (!isEmpty(path) && !Files.isDirectory(path.resolve(".temp"))) {
                throw new RepositoryRefusal("destination " + path + " is not empty and holds no earlier debmirror: "
                        + "debmirror would delete what is in it");
            }
            return path;
        }
        var existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new RepositoryRefusal("destination " + path + " cannot be made: " + existing + " is not a writable directory");
        }
        return path;
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new RepositoryRefusal("destination " + dir + " cannot be read: " + e.getMessage());
        }
    }
}
