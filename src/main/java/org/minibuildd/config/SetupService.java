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
import org.minibuildd.config.internal.SourceStore;
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
    private static final List<String> COMPONENTS = List.of("main");
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

    SetupService(ConfigActions actions, SourceStore sources, AptKeyStore aptKeys, DistributionStore distributions,
                 LayoutService layouts, AptSources aptSources, ProcessRunner runner, DistroInfo distroInfo) {
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
    record CodenameArchs(String codename, List<String> architectures) { }

    /** {@code <id>:<layout>:<codename>+<codename>} */
    record RepositorySpec(String identity, String layout, List<String> codenames) { }

    public SetupReport setup(SetupRequest request) {
        // Everything is parsed and checked first: a refused argument creates nothing.
        var origins = origins(request.fromOrigins());
        var archives = archives(request);
        var nativeArch = nativeArchitecture();
        var wantedDistributions = new ArrayList<>(parseCodenameArchs("distributions", request.distributions(), nativeArch));
        var wantedChroots = new ArrayList<>(parseCodenameArchs("chroots", request.chroots(), nativeArch));
        var wantedRepositories = request.repositories().stream().map(this::parseRepository).toList();
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
        wantedRepositories.forEach(r -> codenames.addAll(r.codenames()));
        if (request.distributionsFromSources()) {
            codenames.forEach(c -> wantedDistributions.add(new CodenameArchs(c, List.of(nativeArch))));
        }
        if (request.chrootsFromSources()) {
            codenames.forEach(c -> wantedChroots.add(new CodenameArchs(c, List.of(nativeArch))));
        }
        var archiveKeys = debianArchiveKeys();

        var report = new ArrayList<SetupReport.Entry>();
        var daemon = new ObjectRef(ObjectType.DAEMON, "daemon");
        report.add(pca(daemon, "Daemon", "instance", "exists", ""));
        archives.forEach(url -> {
            sources.addArchive(url);
            report.add(new SetupReport.Entry("Archive", url, "added", "", ""));
        });
        var keyIds = new ArrayList<String>();
        for (var key : archiveKeys.split()) {
            var id = aptKeys.add(key.singleKey(), key.exportArmored());
            keyIds.add(id);
            report.add(pca(new ObjectRef(ObjectType.APT_KEY, id), "AptKey", id + " " + key.singleKey().primaryUserId(), "added", ""));
        }

        var baseSources = new LinkedHashMap<String, Boolean>();
        for (var codename : codenames) {
            baseSources.put(codename, addSource(new SourceRef(ORIGIN, codename), keyIds, report));
        }
        var distributionIds = new LinkedHashMap<String, Long>();
        for (var wanted : merge(wantedDistributions)) {
            if (!baseSources.getOrDefault(wanted.codename(), false)) {
                report.add(new SetupReport.Entry("Distribution", wanted.codename(), "left out", "",
                        "its source " + ORIGIN + " " + wanted.codename() + " is not active"));
                continue;
            }
            distributionIds.put(wanted.codename(), addDistribution(wanted, keyIds, report));
        }
        for (var repository : wantedRepositories) {
            addRepository(repository, distributionIds, report);
        }
        for (var wanted : merge(wantedChroots)) {
            if (!baseSources.getOrDefault(wanted.codename(), false)) {
                report.add(new SetupReport.Entry("Chroot", wanted.codename(), "left out", "",
                        "its source " + ORIGIN + " " + wanted.codename() + " is not active"));
                continue;
            }
            long sourceId = sources.id(new SourceRef(ORIGIN, wanted.codename())).orElseThrow();
            for (var arch : wanted.architectures()) {
                boolean added = distributions.addChroot(sourceId, arch, backend);
                report.add(pca(new ObjectRef(ObjectType.CHROOT, wanted.codename() + ":" + arch), "Chroot",
                        wanted.codename() + ":" + arch, added ? "added" : "exists",
                        "chroot creation (debootstrap, " + backend + " backend) is pending: it arrives with the builder"));
            }
        }
        return new SetupReport(report);
    }

    /** Adds and activates a source; a source the mirrors do not carry is reported and left out. */
    private boolean addSource(SourceRef source, List<String> keyIds, List<SetupReport.Entry> report) {
        boolean added = sources.add(source, keyIds);
        var entry = pca(source.object(), "Source", source.toString(), added ? "added" : "exists", "");
        report.add(entry);
        return actions.state(source.object()).isActive();
    }

    private long addDistribution(CodenameArchs wanted, List<String> keyIds, List<SetupReport.Entry> report) {
        var base = new SourceRef(ORIGIN, wanted.codename());
        var release = sources.release(base);
        for (var arch : wanted.architectures()) {
            if (!release.architectures().contains(arch)) {
                throw new ConfigException("distributions", "architecture " + arch + " is not in the Release of "
                        + base + " (it has " + String.join(", ", release.architectures()) + ")");
            }
        }
        var extras = new ArrayList<Long>();
        for (var extra : extraSources(wanted.codename())) {
            if (addSource(extra.source(), keyIds, report)) {
                long id = sources.id(extra.source()).orElseThrow();
                extras.add(distributions.addPrioritySource(id, extra.priority()));
            } else {
                report.add(new SetupReport.Entry("PrioritySource", extra.source().codename(), "left out", "",
                        "no archive carries a verifiable " + extra.source() + ": the distribution " + wanted.codename()
                                + " is set up without it"));
            }
        }
        long id = distributions.addDistribution(sources.id(base).orElseThrow(), COMPONENTS, wanted.architectures(), extras);
        report.add(new SetupReport.Entry("Distribution", wanted.codename(), "added", "",
                "architectures " + String.join(", ", wanted.architectures()) + "; components " + String.join(", ", COMPONENTS)));
        return id;
    }

    private void addRepository(RepositorySpec spec, Map<String, Long> distributionIds, List<SetupReport.Entry> report) {
        var ids = new ArrayList<Long>();
        for (var codename : spec.codenames()) {
            var id = distributionIds.get(codename);
            if (id == null) {
                report.add(new SetupReport.Entry("Repository", spec.identity(), "left out", "",
                        "no distribution " + codename + " (its source is not active)"));
                return;
            }
            ids.add(id);
        }
        // As in mini-buildd: "test" takes unsigned uploads, "debdev" takes uploads signed by Debian Developers.
        boolean sandbox = spec.identity().equals("test");
        var keyrings = spec.identity().equals("debdev") ? DEBIAN_KEYRING.toString() : "";
        var missingKeyring = !keyrings.isEmpty() && !Files.isReadable(DEBIAN_KEYRING)
                ? DEBIAN_KEYRING + " is missing: install debian-keyring, or no Debian Developer can upload; " : "";
        boolean added = distributions.addRepository(spec.identity(), spec.layout(), ids, sandbox, keyrings);
        var note = (sandbox ? "uploads without signature allowed; " : "")
                + (keyrings.isEmpty() ? "" : "uploaders from " + keyrings + "; ") + missingKeyring
                + "reprepro repository on disk is pending: it arrives with the repository feature";
        report.add(pca(new ObjectRef(ObjectType.REPOSITORY, spec.identity()), "Repository",
                spec.identity() + " (" + spec.layout() + ": " + String.join(", ", spec.codenames()) + ")",
                added ? "added" : "exists", note));
    }

    private SetupReport.Entry pca(ObjectRef object, String type, String name, String action, String note) {
        String failure = "";
        try {
            actions.run(ConfigActions.Action.PCA, object);
        } catch (LifecycleException e) {
            failure = e.getMessage();
        }
        var status = actions.state(object).describe();
        var text = String.join("; ", java.util.stream.Stream.of(failure, note).filter(s -> !s.isBlank()).toList());
        return new SetupReport.Entry(type, name, action, status, text);
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
        if (urls.isEmpty() && sources.archives().isEmpty()) {
            throw new ConfigException("archives", "no archive to take sources from: give one "
                    + "(archives=http://deb.debian.org/debian/) or use archives_from_origins or archives_from_apt_sources");
        }
        return List.copyOf(urls);
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
        if (!IDENTIFIER.matcher(parts[0]).matches()) {
            throw new ConfigException("repositories", "\"" + parts[0] + "\" is not a repository identity (lower case letters and digits)");
        }
        var layout = parts[1].isEmpty() ? (parts[0].equals("debdev") ? "Debian Developer" : "Default") : parts[1];
        if (layouts.find(layout).isEmpty()) {
            throw new ConfigException("repositories", "no layout \"" + layout + "\" (there are: "
                    + String.join(", ", layouts.all().stream().map(Layout::name).toList()) + ")");
        }
        var codenames = new ArrayList<String>();
        for (var codename : parts[2].split("\\+")) {
            codenames.add(codename("repositories", codename));
        }
        return new RepositorySpec(parts[0], layout, codenames);
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
