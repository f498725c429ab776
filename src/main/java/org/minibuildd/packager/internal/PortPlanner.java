package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.config.Layout;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.Dsc;
import org.minibuildd.debian.PackageName;
import org.minibuildd.debian.PortVersion;
import org.minibuildd.debian.UploadOptions;
import org.minibuildd.debian.Version;
import org.minibuildd.debian.VersionRestriction;
import org.minibuildd.packager.PortException;
import org.minibuildd.repository.PackageListing;
import org.minibuildd.repository.RepositoryException;
import org.minibuildd.repository.RepositoryPackages;
import org.springframework.stereotype.Component;

/**
 * Checks a port before anything is made (every refusal here changes nothing) and decides its version: the target
 * must be an uploadable distribution of an active repository, an internal port's source must be installed in the
 * source distribution, an external .dsc must answer and be a .dsc.
 */
@Component
public class PortPlanner {

    /** mini-buildd's default upload options for ports: a no-changes port need not be lintian-clean again. */
    public static final List<String> DEFAULT_OPTIONS = List.of("lintian-mode=ignore");

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DSC_BYTES = 4 << 20;

    private final RepositoryService repositories;
    private final RepositoryPackages packages;
    private final InstanceService instances;

    PortPlanner(RepositoryService repositories, RepositoryPackages packages, InstanceService instances) {
        this.instances = instances;
        this.repositories = repositories;
        this.packages = packages;
    }

    /** A distribution with its repository and suite. */
    private record Target(DistributionString diststr, RepositoryConfig repository, Layout.SuiteOption suite) {

        PortVersion.End end(String codeversion) {
            var layout = repository.layout();
            var rule = new VersionRestriction(layout.mandatoryVersionRegex(), layout.experimentalMandatoryVersionRegex(),
                    layout.defaultVersion(), layout.experimentalDefaultVersion());
            return new PortVersion.End(diststr.toString(), rule, repository.identity(), codeversion, suite.experimental());
        }
    }

    /** Ports of the installed {@code source} (the version in {@code from}, or exactly {@code version}) to {@code to}. */
    public List<PortPlan> internal(String source, String from, List<String> to, String version, List<String> options) {
        var fromTarget = distribution(from, false);
        var targets = targets(to);
        var opts = options(options);
        var installed = installed(source, fromTarget, version);
        var fromEnd = fromTarget.end(repositories.codeversion(fromTarget.diststr().codename()));
        var dsc = dscPath(fromTarget.repository(), installed);
        var publicUrl = instances.instance().url() + "/repositories/" + fromTarget.repository().identity() + "/"
                + packages.repositoryDirectory(fromTarget.repository().identity()).toAbsolutePath().relativize(dsc);
        var stamp = PortVersion.stamp(ZonedDateTime.now());
        var plans = new ArrayList<PortPlan>();
        for (var target : targets) {
            var toVersion = PortVersion.internal(Version.parse(installed.version()), fromEnd,
                    target.end(repositories.codeversion(target.diststr().codename())), stamp);
            // Our own pool, read from disk: the same .dsc the repository serves, without a round trip over HTTP.
            plans.add(new PortPlan(dsc.toUri().toString(), publicUrl, source, target.diststr().toString(), toVersion, List.of(), opts, true));
        }
        return plans;
    }

    /** Ports of the .dsc at {@code dscUrl} to each of {@code to}. */
    public List<PortPlan> external(String dscUrl, List<String> to, List<String> options, boolean allowUnauthenticated) {
        var targets = targets(to);
        var opts = options(options);
        var dsc = fetchDsc(dscUrl);
        var plans = new ArrayList<PortPlan>();
        for (var target : targets) {
            var version = PortVersion.external(dsc.version(), target.end(repositories.codeversion(target.diststr().codename())));
            plans.add(new PortPlan(dscUrl, dscUrl, dsc.source(), target.diststr().toString(), version,
                    List.of("External port of " + dscUrl), opts, allowUnauthenticated));
        }
        return plans;
    }

    private List<Target> targets(List<String> to) {
        if (to == null || to.isEmpty()) {
            throw new PortException(400, "no distribution to port to");
        }
        return to.stream().map(d -> distribution(d, true)).toList();
    }

    /** Each option must be one an upload may carry: a bad one would only get the port REJECTED later. */
    private static List<String> options(List<String> options) {
        if (options == null) {
            return DEFAULT_OPTIONS;
        }
        var kept = options.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        try {
            UploadOptions.parse(kept.stream().map(o -> "  * " + UploadOptions.KEYWORD + ": " + o).toList());
        } catch (DebianFormatException e) {
            throw new PortException(400, e.getMessage(), e);
        }
        return kept;
    }

    private Target distribution(String text, boolean uploadable) {
        DistributionString diststr;
        try {
            diststr = DistributionString.parse(text == null ? "" : text.strip());
        } catch (DebianFormatException e) {
            throw new PortException(400, e.getMessage(), e);
        }
        var repository = repositories.config(diststr.repository())
                .orElseThrow(() -> new PortException(400, "there is no repository \"" + diststr.repository() + "\" (" + diststr + ")"));
        if (repository.distribution(diststr.codename()).isEmpty()) {
            throw new PortException(400, "repository \"" + repository.identity() + "\" has no codename \"" + diststr.codename() + "\" (" + diststr + ")");
        }
        var suite = repository.layout().suite(diststr.suite())
                .orElseThrow(() -> new PortException(400, "repository \"" + repository.identity() + "\" has no suite \""
                        + diststr.suite() + "\" (" + diststr + ")"));
        if (uploadable) {
            if (diststr.isRollback()) {
                throw new PortException(400, diststr + " is a rollback distribution: nothing can be uploaded to it");
            }
            if (!suite.uploadable()) {
                throw new PortException(400, diststr + " is not uploadable (suite \"" + suite.suite()
                        + "\" only takes migrations)");
            }
            var active = repositories.all().stream().filter(r -> r.identity().equals(repository.identity()))
                    .anyMatch(r -> r.state().isActive());
            if (!active) {
                throw new PortException(400, diststr + " is not uploadable: repository \"" + repository.identity() + "\" is not active");
            }
        }
        return new Target(diststr, repository, suite);
    }

    private PackageListing installed(String source, Target from, String version) {
        List<PackageListing> listing;
        try {
            listing = packages.lsSource(from.repository().identity(), source);
        } catch (RepositoryException e) {
            throw new PortException(400, e.getMessage(), e);
        }
        var wanted = version == null || version.isBlank() ? null : version.strip();
        return listing.stream().filter(l -> l.distribution().equals(from.diststr().toString()))
                .filter(l -> wanted == null || l.version().equals(wanted)).findFirst()
                .orElseThrow(() -> new PortException(404, "source package \"" + source + "\"" + (wanted == null ? "" : " " + wanted)
                        + " is not in " + from.diststr() + ": nothing to port"));
    }

    private Path dscPath(RepositoryConfig repository, PackageListing installed) {
        var source = installed.source();
        return packages.repositoryDirectory(repository.identity()).toAbsolutePath().resolve("pool").resolve(installed.component())
                .resolve(PackageName.poolDirectory(source)).resolve(source + "_" + Version.parse(installed.version()).withoutEpoch() + ".dsc");
    }

    /** Reads the .dsc behind the URL (http, https, ftp or file), refusing one that does not answer or is no .dsc. */
    private static Dsc fetchDsc(String dscUrl) {
        URI uri;
        try {
            uri = new URI(dscUrl == null ? "" : dscUrl.strip());
        } catch (URISyntaxException e) {
            throw new PortException(400, "not a URL: \"" + dscUrl + "\"", e);
        }
        if (uri.getScheme() == null || !List.of("http", "https", "ftp", "file").contains(uri.getScheme())) {
            throw new PortException(400, "not a URL dget can fetch (http, https, ftp or file): \"" + dscUrl + "\"");
        }
        if (!uri.getPath().endsWith(".dsc")) {
            throw new PortException(400, "not a .dsc URL: \"" + dscUrl + "\" (its file name must end in .dsc)");
        }
        String text;
        try {
            var connection = uri.toURL().openConnection();
            connection.setConnectTimeout((int) FETCH_TIMEOUT.toMillis());
            connection.setReadTimeout((int) FETCH_TIMEOUT.toMillis());
            try (InputStream in = connection.getInputStream()) {
                text = new String(in.readNBytes(MAX_DSC_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PortException(400, "the .dsc cannot be fetched from " + dscUrl + ": " + e, e);
        }
        try {
            return Dsc.parse(text);
        } catch (DebianFormatException e) {
            throw new PortException(400, dscUrl + " is not a Debian source package (.dsc): " + e.getMessage(), e);
        }
    }
}
