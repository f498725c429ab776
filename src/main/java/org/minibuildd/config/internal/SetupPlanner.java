package org.minibuildd.config.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import org.minibuildd.config.ConfigException;
import org.minibuildd.config.Layout;
import org.minibuildd.config.LayoutService;
import org.minibuildd.config.SetupContribution;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.internal.SetupArguments.CodenameArchs;
import org.minibuildd.config.internal.SetupArguments.RepositorySpec;
import org.minibuildd.daemon.InstanceService;
import org.springframework.stereotype.Component;

/**
 * What a setup comes to: its arguments read, the {@code *_from_*} options expanded with what the host offers, and
 * everything checked against this instance (its identity, incoming port, layouts and archives), so a refused
 * argument is refused before anything is created.
 */
@Component
public class SetupPlanner {

    /** Debian's own archives, as mini-buildd knows them for the Debian origin. */
    static final List<String> DEBIAN_ARCHIVES = List.of("http://deb.debian.org/debian/", "http://deb.debian.org/debian-security/");

    private final SetupProbe probe;
    private final InstanceService instances;
    private final LayoutService layouts;
    private final SourceStore sources;
    private final List<SetupContribution> contributions;

    SetupPlanner(SetupProbe probe, InstanceService instances, LayoutService layouts, SourceStore sources,
                 List<SetupContribution> contributions) {
        this.probe = probe;
        this.instances = instances;
        this.layouts = layouts;
        this.sources = sources;
        this.contributions = List.copyOf(contributions);
    }

    public SetupPlan plan(SetupRequest request) {
        var host = probe.host();
        var arguments = SetupArguments.read(request, host);
        var identity = identity(arguments.identity());
        var ftpEndpoint = ftpEndpoint(arguments);
        var archives = archives(arguments);
        var nativeArch = host.nativeArchitecture();

        var codenames = new LinkedHashSet<String>();
        if (arguments.sourcesFromOrigins()) {
            arguments.origins().forEach(scope -> codenames.addAll(probe.codenames(scope)));
        }
        codenames.addAll(arguments.sources());
        arguments.distributions().forEach(d -> codenames.add(d.codename()));
        arguments.chroots().forEach(c -> codenames.add(c.codename()));
        arguments.repositories().forEach(r -> codenames.addAll(r.codenames()));

        var wantedDistributions = new ArrayList<>(arguments.distributions());
        var wantedChroots = new ArrayList<>(arguments.chroots());
        if (arguments.distributionsFromSources()) {
            codenames.forEach(c -> wantedDistributions.add(new CodenameArchs(c, List.of(nativeArch))));
        }
        if (arguments.chrootsFromSources()) {
            codenames.forEach(c -> wantedChroots.add(new CodenameArchs(c, List.of(nativeArch))));
        }
        var distributions = merge(wantedDistributions);
        var all = distributions.stream().map(CodenameArchs::codename).toList();
        var repositories = arguments.repositories().stream()
                .map(r -> r.ofEveryDistribution() ? r.withCodenames(all) : r)
                .map(this::checked).toList();

        var contributed = contributions.stream()
                .map(c -> new SetupPlan.Contributed(c, List.copyOf(c.wanted(request)))).toList();
        return new SetupPlan(arguments.update(), arguments.pca(), identity, ftpEndpoint, archives,
                probe.debianArchiveKeys(), List.copyOf(codenames), distributions, repositories, merge(wantedChroots),
                arguments.chrootsBackend(), contributed);
    }

    /** The identity is settled at first start (it names the instance key); setup can confirm it, not change it. */
    private String identity(String given) {
        var current = instances.instance().identity();
        if (!given.isEmpty() && !given.equals(current)) {
            throw new ConfigException("identity", "this instance is \"" + current + "\": its identity is settled at first "
                    + "start (minibuildd.identity) and names its archive key, so setup cannot change it");
        }
        return current;
    }

    /** The incoming endpoint comes from minibuildd.ftp-port; setup accepts it in mini-buildd's forms to confirm it. */
    private String ftpEndpoint(SetupArguments arguments) {
        var port = URI.create(instances.instance().incomingUrl()).getPort();
        var given = arguments.ftpPort();
        if (given.isPresent() && given.getAsInt() != port) {
            throw new ConfigException("ftp_endpoint", "this instance takes uploads on port " + port
                    + " (setting minibuildd.ftp-port): change the setting and restart to move it");
        }
        return "tcp:host=0.0.0.0:port=" + port;
    }

    private List<String> archives(SetupArguments arguments) {
        var urls = new LinkedHashSet<>(arguments.archives());
        if (arguments.archivesFromOrigins()) {
            // Debian is the only origin the arguments let through.
            urls.addAll(DEBIAN_ARCHIVES);
        }
        if (arguments.archivesFromAptSources()) {
            urls.addAll(probe.aptArchives());
        }
        if (arguments.archivesFromProxy()) {
            urls.addAll(probe.proxyArchives());
        }
        if (!arguments.update().none() && urls.isEmpty() && sources.archives().isEmpty()) {
            throw new ConfigException("archives", "no archive to take sources from: give one "
                    + "(archives=http://deb.debian.org/debian/) or use archives_from_origins or archives_from_apt_sources");
        }
        return List.copyOf(urls);
    }

    private RepositorySpec checked(RepositorySpec spec) {
        if (layouts.find(spec.layout()).isEmpty()) {
            throw new ConfigException(spec.argument(), "no layout \"" + spec.layout() + "\" (there are: "
                    + String.join(", ", layouts.all().stream().map(Layout::name).toList()) + ")");
        }
        if (spec.codenames().isEmpty()) {
            throw new ConfigException(spec.argument(), "repository " + spec.identity()
                    + " would have no distribution: set some up too");
        }
        return spec;
    }

    /** The same codename named twice (e.g. in distributions and again from sources) is one distribution. */
    private static List<CodenameArchs> merge(List<CodenameArchs> wanted) {
        var merged = new LinkedHashMap<String, LinkedHashSet<String>>();
        wanted.forEach(w -> merged.computeIfAbsent(w.codename(), c -> new LinkedHashSet<>()).addAll(w.architectures()));
        return merged.entrySet().stream().map(e -> new CodenameArchs(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
