package org.minibuildd.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.minibuildd.config.ConfigException;
import org.minibuildd.config.SetupRequest;

/**
 * The {@code setup} call's arguments read into values: each checked for its form, {@code native} and the origin
 * default resolved, the options' defaults filled in. Pure: what it needs of the host comes in as a {@link Host},
 * nothing is looked up or changed, and a refused argument is a {@link ConfigException} on that argument. Whether
 * the values fit this instance (its identity, its layouts, its archives) is for the planning to say.
 *
 * @param identity    the identity to confirm, empty when none was given
 * @param ftpEndpoint the incoming endpoint to confirm, empty when none was given (see {@link #ftpPort()})
 * @param origins     which codenames the origin's {@code *_from_origins} options take
 * @param archives    the archive URLs given, in their one form
 * @param repositories the repositories given, then those from {@code repositories_from_distributions}, whose
 *                    codenames the planning fills in
 */
public record SetupArguments(Selection update, Selection pca, String identity, String ftpEndpoint,
                             List<DistroInfo.Scope> origins, List<String> archives, boolean archivesFromOrigins,
                             boolean archivesFromAptSources, boolean archivesFromProxy, List<String> sources,
                             boolean sourcesFromOrigins, List<CodenameArchs> distributions,
                             boolean distributionsFromSources, List<RepositorySpec> repositories,
                             List<CodenameArchs> chroots, boolean chrootsFromSources, String chrootsBackend) {

    /** The one origin this instance has the archive keys and archives of. */
    public static final String ORIGIN = "Debian";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9]+");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** The port of mini-buildd's endpoint forms: {@code tcp:host=…:port=8067}, {@code host:8067}. */
    private static final Pattern ENDPOINT_PORT = Pattern.compile("(?:port=|^[^:=]*:)(\\d{1,5})$");
    private static final List<String> BACKENDS = List.of("Dir", "File");
    private static final String FROM_DISTRIBUTIONS = "repositories_from_distributions";

    /**
     * What the arguments' defaults depend on.
     *
     * @param origin             this host's own origin (the default of {@code from_origins})
     * @param nativeArchitecture what {@code native} stands for
     */
    public record Host(String origin, String nativeArchitecture) { }

    /** {@code <codename>:<arch>+<arch>} */
    public record CodenameArchs(String codename, List<String> architectures) {
        public CodenameArchs {
            architectures = List.copyOf(architectures);
        }

        @Override
        public String toString() {
            return codename + ":" + String.join("+", architectures);
        }
    }

    /**
     * {@code <id>:<layout>:<codename>+<codename>}
     *
     * @param argument the argument it was given in, for refusals the planning finds later
     */
    public record RepositorySpec(String argument, String identity, String layout, List<String> codenames) {
        public RepositorySpec {
            codenames = List.copyOf(codenames);
        }

        /** From {@code repositories_from_distributions}: it gets every distribution the setup comes to. */
        boolean ofEveryDistribution() {
            return argument.equals(FROM_DISTRIBUTIONS);
        }

        RepositorySpec withCodenames(List<String> all) {
            return new RepositorySpec(argument, identity, layout, all);
        }

        @Override
        public String toString() {
            return identity + ":" + layout + ":" + String.join("+", codenames);
        }
    }

    /**
     * {@code update} and {@code pca}: {@code all}, nothing (empty), or the identity hashes of the objects to act on
     * (as a previous run reported them).
     */
    public record Selection(boolean all, Set<String> hashes) {

        public Selection {
            hashes = Set.copyOf(hashes);
        }

        public static Selection parse(String field, String value) {
            var given = value == null ? "" : value.strip();
            if (given.equals("all")) {
                return new Selection(true, Set.of());
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

        public boolean selects(String hash) {
            return all || hashes.contains(hash);
        }

        public boolean none() {
            return !all && hashes.isEmpty();
        }
    }

    public static SetupArguments read(SetupRequest request, Host host) {
        var update = Selection.parse("update", request.update());
        var pca = Selection.parse("pca", request.pca());
        var ftpEndpoint = blankIfNull(request.ftpEndpoint());
        if (!ftpEndpoint.isEmpty() && !ENDPOINT_PORT.matcher(ftpEndpoint).find()) {
            throw new ConfigException("ftp_endpoint", "\"" + request.ftpEndpoint() + "\" is not an endpoint like tcp:host=0.0.0.0:port=8067");
        }
        var origins = origins(request.fromOrigins().isEmpty() ? List.of(host.origin()) : request.fromOrigins());
        var archives = new ArrayList<String>();
        request.archives().forEach(url -> archives.add(archiveUrl("archives", url)));
        var sources = request.sources().stream().map(c -> codename("sources", c)).toList();
        var distributions = codenameArchs("distributions", request.distributions(), host.nativeArchitecture());
        var chroots = codenameArchs("chroots", request.chroots(), host.nativeArchitecture());
        var repositories = new ArrayList<RepositorySpec>();
        request.repositories().forEach(value -> repositories.add(repository(value)));
        for (var value : request.repositoriesFromDistributions()) {
            var parts = value.split(":", 2);
            repositories.add(repository(FROM_DISTRIBUTIONS, parts[0], parts.length == 2 ? parts[1] : "", List.of()));
        }
        var backend = blankIfNull(request.chrootsBackend()).isEmpty() ? "Dir" : request.chrootsBackend().strip();
        if (!BACKENDS.contains(backend)) {
            throw new ConfigException("chroots_backend", "\"" + backend + "\" is not a chroot backend of this instance: use Dir or File");
        }
        return new SetupArguments(update, pca, blankIfNull(request.identity()), ftpEndpoint, origins,
                List.copyOf(new LinkedHashSet<>(archives)), request.archivesFromOrigins(), request.archivesFromAptSources(),
                request.archivesFromProxy(), sources, request.sourcesFromOrigins(), distributions,
                request.distributionsFromSources(), List.copyOf(repositories), chroots, request.chrootsFromSources(), backend);
    }

    /** The port of the endpoint given to confirm, if one was given. */
    public OptionalInt ftpPort() {
        var port = ENDPOINT_PORT.matcher(ftpEndpoint);
        return port.find() ? OptionalInt.of(Integer.parseInt(port.group(1))) : OptionalInt.empty();
    }

    /** mini-buildd's archive form: an http(s) or file URL with exactly one trailing slash. */
    public static String archiveUrl(String field, String url) {
        var trimmed = url.strip().replaceAll("/+$", "") + "/";
        if (!trimmed.matches("(https?|file)://[^\\s]+[^/]/")) {
            throw new ConfigException(field, "\"" + url + "\" is not an archive URL like http://deb.debian.org/debian/");
        }
        return trimmed;
    }

    /** {@code <origin>[:lts|all]}; Debian is the origin this instance has the archive keys and archives of. */
    private static List<DistroInfo.Scope> origins(List<String> given) {
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
        return List.copyOf(scopes);
    }

    private static String codename(String field, String codename) {
        if (!IDENTIFIER.matcher(codename).matches()) {
            throw new ConfigException(field, "\"" + codename + "\" is not a codename (lower case letters and digits, like bookworm)");
        }
        return codename;
    }

    private static List<CodenameArchs> codenameArchs(String field, List<String> values, String nativeArch) {
        var parsed = new ArrayList<CodenameArchs>();
        for (var value : values) {
            var parts = value.split(":", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new ConfigException(field, "\"" + value + "\" is not <codename>:<arch>[+<arch>…] (e.g. bookworm:amd64+i386 or bookworm:native)");
            }
            var archs = new LinkedHashSet<String>();
            for (var arch : parts[1].split("\\+")) {
                var resolved = arch.equals("native") ? nativeArch : arch;
                if (!ARCH.matcher(resolved).matches()) {
                    throw new ConfigException(field, "\"" + arch + "\" in \"" + value + "\" is not an architecture name (like amd64)");
                }
                archs.add(resolved);
            }
            parsed.add(new CodenameArchs(codename(field, parts[0]), List.copyOf(archs)));
        }
        return List.copyOf(parsed);
    }

    private static RepositorySpec repository(String value) {
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
    private static RepositorySpec repository(String field, String identity, String layout, List<String> codenames) {
        if (!IDENTIFIER.matcher(identity).matches()) {
            throw new ConfigException(field, "\"" + identity + "\" is not a repository identity (lower case letters and digits)");
        }
        var chosen = layout.isEmpty() ? (identity.equals("debdev") ? "Debian Developer" : "Default") : layout;
        return new RepositorySpec(field, identity, chosen, codenames);
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value.strip();
    }
}
