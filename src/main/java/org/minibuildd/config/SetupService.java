package org.minibuildd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.minibuildd.config.internal.AptKeyStore;
import org.minibuildd.config.internal.AptSources;
import org.minibuildd.config.internal.DistributionStore;
import org.minibuildd.config.internal.DistroInfo;
import org.minibuildd.config.internal.RemoteStore;
import org.minibuildd.config.internal.SetupStore;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.springframework.stereotype.Service;

/**
 * Bootstraps a Debian instance from a few choices, as mini-buildd's {@code setup}: archives, the Debian archive
 * keys, sources (with security and backports where the mirrors carry them), distributions, repositories (with the
 * special {@code test} and {@code debdev} ones) and chroots, each put into use with PCA. Every argument is checked
 * before anything is created; running it again changes nothing that exists.
 */
@Service
public class SetupService {

    public static final String ORIGIN = "Debian";
    static final String BACKPORTS_ORIGIN = "Debian Backports";
    static final Path DEBIAN_ARCHIVE_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-keyring.gpg");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9]+");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Debian's components in Debian's order: a distribution gets those its Release has, as mini-buildd's setup does. */
    private static final List<String> COMPONENTS = List.of("main", "contrib", "non-free", "non-free-firmware");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** The port of mini-buildd's endpoint forms: {@code tcp:host=…:port=8067}, {@code host:8067}. */
    private static final Pattern ENDPOINT_PORT = Pattern.compile("(?:port=|^[^:=]*:)(\\d{1,5})$");
    private static final ObjectRef DAEMON = new ObjectRef(ObjectType.DAEMON, "daemon");
    /** Debian's own archives, as mini-buildd knows them for the Debian origin. */
    static final List<String> DEBIAN_ARCHIVES = List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security/");

    private final ConfigActions actions;
    private final SourceStore sources;
    private final AptKeyStore aptKeys;
    private final DistributionStore distributions;
    private final LayoutService layouts;
    private final AptSources aptSources;
    private final ProcessRunner runner;
    private final DistroInfo distroInfo;
    private final SetupStore store;
    private final RemoteService remotes;
    private final RemoteStore remoteStore;
    private final InstanceService instances;

    SetupService(ConfigActions actions, SourceStore sources, AptKeyStore aptKeys, DistributionStore distributions,
                 LayoutService layouts, AptSources aptSources, ProcessRunner runner, DistroInfo distroInfo,
                 SetupStore store, InstanceService instances, RemoteService remotes, RemoteStore remoteStore) {
        this.remotes = remotes;
        this.remoteStore = remoteStore;
        this.store = store;
        this.instances = instances;
        this.distroInfo = distroInfo;
        this.actions = actions;
        this.sources = sources;
        this.aptKeys = aptKeys;
        this.distributions = distributions;
        this.layouts = layouts;
        this.aptSources = aptSources;
        this.runner = runner;
    }

    /** {@code <codename>:<arch>+<arch>} */
    record CodenameArchs(String codename, List<String> architectures) {
        @Override
        public String toString() {
            return codename + ":" + String.join("+", architectures);
        }
    }

    /** {@code <id>:<layout>:<codename>+<codename>} */
    record RepositorySpec(String identity, String layout, List<String> codenames) {
        @Override
        public String toString() {
            return identity + ":" + layout + ":" + String.join("+", codenames);
        }
    }

    /** Everything the arguments imply, parsed and checked before anything is touched. */
    record Plan(List<String> archives, Keyring archiveKeys, List<String> codenames, List<CodenameArchs> distributions,
                List<RepositorySpec> repositories, List<CodenameArchs> chroots, String backend, List<String> remotes) {

        Map<String, Object> describe(String identity, String ftpEndpoint) {
            var setup = new LinkedHashMap<String, Object>();
            setup.put("identity", identity);
            setup.put("ftp_endpoint", ftpEndpoint);
            setup.put("archives", archives);
            setup.put("sources", codenames);
            setup.put("distributions", distributions.stream().map(CodenameArchs::toString).toList());
            setup.put("repositories", repositories.stream().map(RepositorySpec::toString).toList());
            setup.put("chroots", chroots.stream().map(CodenameArchs::toString).toList());
            setup.put("chroots_backend", backend);
            setup.put("remotes", remotes);
            return setup;
        }
    }

    public SetupReport setup(SetupRequest request) {
        // Everything is parsed and checked first: a refused argument changes nothing.
        var run = new Run(Selection.parse("update", request.update()), Selection.parse("pca", request.pca()));
        var identity = identity(request.identity());
        var ftpEndpoint = ftpEndpoint(request.ftpEndpoint());
        var plan = plan(request);

        run.visit("Daemon", identity, DAEMON, () -> true, () -> { }, "");
        plan.archives().forEach(url -> run.visit("Archive", url, null, () -> store.hasArchive(url), () -> sources.addArchive(url), ""));
        var keyIds = new ArrayList<String>();
        for (var key : plan.archiveKeys().split()) {
            var info = key.singleKey();
            keyIds.add(info.keyId());
            run.visit("AptKey", info.keyId() + " " + info.primaryUserId(), new ObjectRef(ObjectType.APT_KEY, info.keyId()),
                    () -> store.hasAptKey(info.keyId()), () -> aptKeys.add(info, key.exportArmored()), "");
        }
        var usable = new LinkedHashMap<String, Boolean>();
        for (var codename : plan.codenames()) {
            usable.put(codename, run.source(new SourceRef(ORIGIN, codename), keyIds));
        }
        for (var wanted : plan.distributions()) {
            if (usable.getOrDefault(wanted.codename(), false)) {
                run.distribution(wanted, keyIds);
            } else {
                run.leftOut("Distribution", wanted.codename(), "its source " + ORIGIN + " " + wanted.codename() + " is not active");
            }
        }
        plan.repositories().forEach(run::repository);
        for (var wanted : plan.chroots()) {
            var source = new SourceRef(ORIGIN, wanted.codename());
            for (var arch : wanted.architectures()) {
                var name = wanted.codename() + ":" + arch;
                if (!usable.getOrDefault(wanted.codename(), false)) {
                    run.leftOut("Chroot", name, "its source " + source + " is not active");
                    continue;
                }
                run.visit("Chroot", name, new ObjectRef(ObjectType.CHROOT, name), () -> store.hasChroot(source, arch),
                        () -> distributions.addChroot(sources.id(source).orElseThrow(), arch, plan.backend()), "");
            }
        }
        for (var url : plan.remotes()) {
            run.visit("Remote", url, new ObjectRef(ObjectType.REMOTE, url), () -> remoteStore.wakeCommand(url).isPresent(),
                    () -> remotes.add(url), "");
        }
        return new SetupReport(plan.describe(identity, ftpEndpoint), List.copyOf(run.instances));
    }

    private Plan plan(SetupRequest request) {
        var origins = origins(request.fromOrigins());
        var archives = archives(request);
        var nativeArch = nativeArchitecture();
        var wantedDistributions = new ArrayList<>(parseCodenameArchs("distributions", request.distributions(), nativeArch));
        var wantedChroots = new ArrayList<>(parseCodenameArchs("chroots", request.chroots(), nativeArch));
        var backend = request.chrootsBackend() == null || request.chrootsBackend().isBlank() ? "Dir" : request.chrootsBackend();
        if (!List.of("Dir", "File").contains(backend)) {
            throw new ConfigException("chroots_backend", "\"" + backend + "\" is not a chroot backend of this instance: use Dir or File");
        }
        var codenames = new LinkedHashSet<String>();
        if (request.sourcesFromOrigins()) {
            origins.forEach(scope -> codenames.addAll(distroInfo.codenames(scope, LocalDate.now())));
        }
        request.sources().forEach(c -> codenames.add(codename("sources", c)));
        wantedDistributions.forEach(d -> codenames.add(d.codename()));
        wantedChroots.forEach(c -> codenames.add(c.codename()));
        var wantedRepositories = new ArrayList<>(request.repositories().stream().map(this::parseRepository).toList());
        wantedRepositories.forEach(r -> codenames.addAll(r.codenames()));
        if (request.distributionsFromSources()) {
            codenames.forEach(c -> wantedDistributions.add(new CodenameArchs(c, List.of(nativeArch))));
        }
        if (request.chrootsFromSources()) {
            codenames.forEach(c -> wantedChroots.add(new CodenameArchs(c, List.of(nativeArch))));
        }
        var distributionsWanted = merge(wantedDistributions);
        var all = distributionsWanted.stream().map(CodenameArchs::codename).toList();
        for (var value : request.repositoriesFromDistributions()) {
            var parts = value.split(":", 2);
            wantedRepositories.add(repository("repositories_from_distributions", parts[0], parts.length == 2 ? parts[1] : "", all));
        }
        var remotes = request.remotes().stream().map(endpoint -> RemoteEndpoint.parse(endpoint).url()).distinct().toList();
        return new Plan(List.copyOf(archives), debianArchiveKeys(), List.copyOf(codenames), distributionsWanted,
                List.copyOf(wantedRepositories), merge(wantedChroots), backend, remotes);
    }

    /**
     * {@code update} and {@code pca}: {@code all}, nothing (empty), or the identity hashes of the objects to act on
     * (as a previous run reported them).
     */
    record Selection(boolean all, java.util.Set<String> hashes) {

        static Selection parse(String field, String value) {
            var given = value == null ? "" : value.strip();
            if (given.equals("all")) {
                return new Selection(true, java.util.Set.of());
            }
            var hashes = new LinkedHashSet<String>();
            for (var hash : given.split(",")) {
                if (hash.isBlank()) {
                    continue;
                }
                if (!HASH.matcher(hash.strip()).matches()) {
                    throw new ConfigException(field, "\"" + hash.strip() + "\" is neither 'all' nor an identity hash from a previous setup report");
                }
                hashes.add(hash.strip());
            }
            return new Selection(false, hashes);
        }

        boolean selects(String hash) {
            return all || hashes.contains(hash);
        }
    }

    /** One run through the implied objects: inspects each, updates and PCAs the selected, reports all. */
    private final class Run {
        private final Selection update;
        private final Selection pca;
        private final List<SetupReport.Instance> instances = new ArrayList<>();

        Run(Selection update, Selection pca) {
            this.update = update;
            this.pca = pca;
        }

        /**
         * @param status the object's lifecycle, or null for objects without one
         * @param write  creates the object, or brings an existing one in line with the setup
         */
        SetupReport.Instance visit(String type, String name, ObjectRef status, java.util.function.BooleanSupplier exists,
                                   Runnable write, String note) {
            var hash = hash(type, name);
            var done = new ArrayList<String>();
            var notes = new ArrayList<String>();
            boolean present = exists.getAsBoolean();
            if (update.selects(hash)) {
                write.run();
                done.add(present ? "updated" : "created");
                present = true;
            }
            if (present && status != null && pca.selects(hash)) {
                try {
                    actions.run(ConfigActions.Action.PCA, status);
                    done.add("pca");
                } catch (LifecycleException e) {
                    done.add("pca(failed)");
                    notes.add(e.getMessage());
                }
            }
            if (!note.isBlank()) {
                notes.add(note);
            }
            var state = present && status != null ? actions.state(status) : null;
            var result = !present ? SetupReport.InstanceStatus.MISSING
                    : state == null ? SetupReport.InstanceStatus.EXISTS
                    : done.contains("pca(failed)") ? SetupReport.InstanceStatus.FAILED : SetupReport.InstanceStatus.of(state);
            var instance = new SetupReport.Instance(type, name, hash, List.copyOf(done), result,
                    state == null ? "" : state.describe(), String.join("; ", notes));
            instances.add(instance);
            return instance;
        }

        /** An object the setup implies but does not create, because what it needs is not there. */
        void leftOut(String type, String name, String why) {
            instances.add(new SetupReport.Instance(type, name, hash(type, name), List.of(), SetupReport.InstanceStatus.MISSING,
                    "", "left out: " + why));
        }

        /** Visits the source; returns whether it is in use, so what builds on it can be set up. */
        boolean source(SourceRef source, List<String> keyIds) {
            return visit("Source", source.toString(), source.object(), () -> store.hasSource(source),
                    () -> sources.add(source, keyIds), "").status() == SetupReport.InstanceStatus.ACTIVE;
        }

        void distribution(CodenameArchs wanted, List<String> keyIds) {
            var base = new SourceRef(ORIGIN, wanted.codename());
            var extras = new ArrayList<Long>();
            for (var extra : extraSources(wanted.codename())) {
                var name = extra.source() + " (priority " + extra.priority() + ")";
                if (!source(extra.source(), keyIds)) {
                    leftOut("PrioritySource", name, "no archive carries a verifiable " + extra.source()
                            + ": the distribution " + wanted.codename() + " is set up without it");
                    continue;
                }
                visit("PrioritySource", name, null, () -> store.hasPrioritySource(extra.source(), extra.priority()),
                        () -> extras.add(distributions.addPrioritySource(sources.id(extra.source()).orElseThrow(), extra.priority())), "");
            }
            visit("Distribution", wanted.codename(), null, () -> store.distribution(base).isPresent(), () -> {
                var release = sources.release(base);
                for (var arch : wanted.architectures()) {
                    if (!release.architectures().contains(arch)) {
                        throw new ConfigException("distributions", "architecture " + arch + " is not in the Release of "
                                + base + " (it has " + String.join(", ", release.architectures()) + ")");
                    }
                }
                distributions.addDistribution(sources.id(base).orElseThrow(), components(release.components()),
                        wanted.architectures(), extras);
            }, "architectures " + String.join(", ", wanted.architectures()));
        }

        void repository(RepositorySpec spec) {
            var ids = new ArrayList<Long>();
            for (var codename : spec.codenames()) {
                var id = store.distribution(new SourceRef(ORIGIN, codename));
                if (id.isEmpty()) {
                    leftOut("Repository", spec.toString(), "there is no distribution " + codename);
                    return;
                }
                ids.add(id.get());
            }
            // As in mini-buildd: "test" takes unsigned uploads, "debdev" takes uploads signed by Debian Developers.
            boolean sandbox = spec.identity().equals("test");
            var keyrings = spec.identity().equals("debdev") ? DEBIAN_KEYRING.toString() : "";
            var missingKeyring = !keyrings.isEmpty() && !Files.isReadable(DEBIAN_KEYRING)
                    ? DEBIAN_KEYRING + " is missing: install debian-keyring, or no Debian Developer can upload; " : "";
            var note = (sandbox ? "uploads without signature allowed; " : "")
                    + (keyrings.isEmpty() ? "" : "uploaders from " + keyrings + "; ") + missingKeyring
                    + "served at /repositories/" + spec.identity() + "/";
            visit("Repository", spec.toString(), new ObjectRef(ObjectType.REPOSITORY, spec.identity()),
                    () -> store.hasRepository(spec.identity()),
                    () -> distributions.addRepository(spec.identity(), spec.layout(), ids, sandbox, keyrings), note);
        }
    }

    static List<String> components(List<String> released) {
        var chosen = COMPONENTS.stream().filter(released::contains).toList();
        return chosen.isEmpty() ? List.of("main") : chosen;
    }

    /** Names an object across runs, as mini-buildd's identity hash does: the same object gives the same hash. */
    static String hash(String type, String name) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((type + "(" + name + ")").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The identity is settled at first start (it names the instance key); setup can confirm it, not change it. */
    private String identity(String given) {
        var current = instances.instance().identity();
        if (given != null && !given.isBlank() && !given.strip().equals(current)) {
            throw new ConfigException("identity", "this instance is \"" + current + "\": its identity is settled at first "
                    + "start (minibuildd.identity) and names its archive key, so setup cannot change it");
        }
        return current;
    }

    /** The incoming endpoint comes from minibuildd.ftp-port; setup accepts it in mini-buildd's forms to confirm it. */
    private String ftpEndpoint(String given) {
        var incoming = java.net.URI.create(instances.instance().incomingUrl());
        var current = "tcp:host=0.0.0.0:port=" + incoming.getPort();
        if (given == null || given.isBlank()) {
            return current;
        }
        var port = ENDPOINT_PORT.matcher(given.strip());
        if (!port.find()) {
            throw new ConfigException("ftp_endpoint", "\"" + given + "\" is not an endpoint like tcp:host=0.0.0.0:port=8067");
        }
        if (Integer.parseInt(port.group(1)) != incoming.getPort()) {
            throw new ConfigException("ftp_endpoint", "this instance takes uploads on port " + incoming.getPort()
                    + " (setting minibuildd.ftp-port): change the setting and restart to move it");
        }
        return current;
    }

    /** An extra source of a distribution with its apt pin priority. */
    record Extra(SourceRef source, int priority) { }

    /**
     * Debian's extra sources, as mini-buildd sets them up: security updates wanted (priority 500), backports and
     * backports-sloppy (origin "Debian Backports") only on request (priority 1). Rolling codenames have none.
     */
    static List<Extra> extraSources(String codename) {
        if (List.of("sid", "unstable", "experimental").contains(codename)) {
            return List.of();
        }
        return List.of(new Extra(new SourceRef(ORIGIN, codename + "-security"), 500),
                new Extra(new SourceRef(BACKPORTS_ORIGIN, codename + "-backports"), 1),
                new Extra(new SourceRef(BACKPORTS_ORIGIN, codename + "-backports-sloppy"), 1));
    }

    private List<String> archives(SetupRequest request) {
        var urls = new LinkedHashSet<String>();
        for (var url : request.archives()) {
            urls.add(archiveUrl("archives", url));
        }
        if (request.archivesFromOrigins()) {
            // Debian is the only origin origins() lets through.
            urls.addAll(DEBIAN_ARCHIVES);
        }
        if (request.archivesFromAptSources()) {
            urls.addAll(aptSources.archives());
        }
        if (request.archivesFromProxy()) {
            urls.addAll(aptCacherNgArchives(java.net.URI.create("http://" + instances.instance().hostname() + ":3142/")));
        }
        boolean updating = request.update() != null && !request.update().isBlank();
        if (updating && urls.isEmpty() && sources.archives().isEmpty()) {
            throw new ConfigException("archives", "no archive to take sources from: give one "
                    + "(archives=http://deb.debian.org/debian/) or use archives_from_origins or archives_from_apt_sources");
        }
        return List.copyOf(urls);
    }

    /**
     * The Debian archives behind an apt-cacher-ng at the URL, or none when none answers there. It is recognised by
     * its answer to a plain request for its root: 406, with its name in the page.
     */
    static List<String> aptCacherNgArchives(java.net.URI proxy) {
        try (var client = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build()) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(proxy).timeout(java.time.Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 406 && response.body().toLowerCase(java.util.Locale.ROOT).matches("(?s).*apt.cacher.ng.*")) {
                var base = proxy.toString().replaceAll("/+$", "");
                return List.of(base + "/debian/", base + "/debian-security/");
            }
            return List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** mini-buildd's archive form: an http(s) or file URL with exactly one trailing slash. */
    static String archiveUrl(String field, String url) {
        var trimmed = url.strip().replaceAll("/+$", "") + "/";
        if (!trimmed.matches("(https?|file)://[^\\s]+[^/]/")) {
            throw new ConfigException(field, "\"" + url + "\" is not an archive URL like http://deb.debian.org/debian/");
        }
        return trimmed;
    }

    /**
     * {@code <origin>[:lts|all]}; none given means this host's own origin. Debian is the origin this instance has
     * the archive keys and archives of.
     */
    private List<DistroInfo.Scope> origins(List<String> fromOrigins) {
        var given = fromOrigins.isEmpty() ? List.of(hostOrigin()) : fromOrigins;
        var scopes = new ArrayList<DistroInfo.Scope>();
        for (var value : given) {
            var parts = value.split(":", 2);
            if (!parts[0].equals(ORIGIN)) {
                throw new ConfigException("from_origins", "origin \"" + parts[0] + "\" is not known here: use Debian");
            }
            scopes.add(switch (parts.length == 1 ? "" : parts[1]) {
                case "" -> DistroInfo.Scope.SUPPORTED;
                case "lts" -> DistroInfo.Scope.LTS;
                case "all" -> DistroInfo.Scope.ALL;
                default -> throw new ConfigException("from_origins", "\"" + value + "\": the modifier after ':' is lts or all");
            });
        }
        return scopes;
    }

    /** The origin of this host's own distribution, from os-release (Debian for ID=debian). */
    private static String hostOrigin() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("ID="))
                    .map(l -> l.substring(3).replace("\"", "")).findFirst()
                    .map(id -> id.equals("debian") ? ORIGIN : id).orElse(ORIGIN);
        } catch (IOException e) {
            return ORIGIN;
        }
    }

    private static String codename(String field, String codename) {
        if (!IDENTIFIER.matcher(codename).matches()) {
            throw new ConfigException(field, "\"" + codename + "\" is not a codename (lower case letters and digits, like bookworm)");
        }
        return codename;
    }

    List<CodenameArchs> parseCodenameArchs(String field, List<String> values, String nativeArch) {
        var parsed = new ArrayList<CodenameArchs>();
        for (var value : values) {
            var parts = value.split(":", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new ConfigException(field, "\"" + value + "\" is not <codename>:<arch>[+<arch>…] (e.g. bookworm:amd64+i386 or bookworm:native)");
            }
            var archs = new ArrayList<String>();
            for (var arch : parts[1].split("\\+")) {
                var resolved = arch.equals("native") ? nativeArch : arch;
                if (!ARCH.matcher(resolved).matches()) {
                    throw new ConfigException(field, "\"" + arch + "\" in \"" + value + "\" is not an architecture name (like amd64)");
                }
                if (!archs.contains(resolved)) {
                    archs.add(resolved);
                }
            }
            parsed.add(new CodenameArchs(codename(field, parts[0]), archs));
        }
        return parsed;
    }

    RepositorySpec parseRepository(String value) {
        var parts = value.split(":", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new ConfigException("repositories", "\"" + value + "\" is not <id>:<layout>:<codename>[+<codename>…] (e.g. test:Default:bookworm)");
        }
        var codenames = new ArrayList<String>();
        for (var codename : parts[2].split("\\+")) {
            codenames.add(codename("repositories", codename));
        }
        return repository("repositories", parts[0], parts[1], codenames);
    }

    /** A repository; an empty layout is mini-buildd's default for the identity ("debdev": Debian Developer). */
    private RepositorySpec repository(String field, String identity, String layout, List<String> codenames) {
        if (!IDENTIFIER.matcher(identity).matches()) {
            throw new ConfigException(field, "\"" + identity + "\" is not a repository identity (lower case letters and digits)");
        }
        var chosen = layout.isEmpty() ? (identity.equals("debdev") ? "Debian Developer" : "Default") : layout;
        if (layouts.find(chosen).isEmpty()) {
            throw new ConfigException(field, "no layout \"" + chosen + "\" (there are: "
                    + String.join(", ", layouts.all().stream().map(Layout::name).toList()) + ")");
        }
        if (codenames.isEmpty()) {
            throw new ConfigException(field, "repository " + identity + " would have no distribution: set some up too");
        }
        return new RepositorySpec(identity, chosen, List.copyOf(codenames));
    }

    /** The same codename named twice (e.g. in distributions and again from sources) is one distribution. */
    private static List<CodenameArchs> merge(List<CodenameArchs> wanted) {
        var merged = new LinkedHashMap<String, LinkedHashSet<String>>();
        wanted.forEach(w -> merged.computeIfAbsent(w.codename(), c -> new LinkedHashSet<>()).addAll(w.architectures()));
        return merged.entrySet().stream().map(e -> new CodenameArchs(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private static Keyring debianArchiveKeys() {
        try {
            return Keyring.read(DEBIAN_ARCHIVE_KEYRING);
        } catch (IOException | KeyFormatException e) {
            throw new ConfigException("sources", "cannot read Debian's archive keys from " + DEBIAN_ARCHIVE_KEYRING
                    + ": install debian-archive-keyring (" + e.getMessage() + ")", e);
        }
    }

    private String nativeArchitecture() {
        if (!Files.isExecutable(Path.of("/usr/bin/dpkg"))) {
            return "amd64";
        }
        return runner.run(Command.of("dpkg", "--print-architecture")).stdoutText().strip();
    }
}
