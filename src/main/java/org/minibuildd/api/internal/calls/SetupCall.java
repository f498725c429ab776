package org.minibuildd.api.internal.calls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.springframework.stereotype.Component;

/** {@code setup}: bootstrap a Debian instance (archives, keys, sources, distributions, repositories, chroots). */
@Component
class SetupCall implements ApiCall {

    private final SetupService setup;

    SetupCall(SetupService setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String description() {
        return "Create, update or inspect this instance's setup: without update and pca it only reports how the "
                + "instance differs from the setup the arguments describe";
    }

    @Override
    public Auth auth() {
        return Auth.ADMIN;
    }

    @Override
    public boolean needsConfirmation() {
        return true;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(
                string("update", "", "objects to create or update: 'all', empty for none (inspect), or identity hashes of a previous report, comma separated"),
                string("pca", "", "objects to prepare, check and activate: 'all', empty for none, or identity hashes"),
                string("identity", "", "the instance identity (settled at first start; empty: this instance's)"),
                string("ftp_endpoint", "", "FTP incoming endpoint, e.g. tcp:host=0.0.0.0:port=8067 (empty: this instance's)"),
                list("from_origins", "<origin>[:lts|all], used by the *_from_origins options; empty: this host's (Debian)"),
                list("archives", "archive URLs to take sources from, e.g. http://deb.debian.org/debian/"),
                ApiArgument.bool("archives_from_origins", "add the origins' own archives (deb.debian.org)"),
                ApiArgument.bool("archives_from_apt_sources", "add the archives this host's apt uses"),
                ApiArgument.bool("archives_from_proxy", "add Debian's archives behind an apt-cacher-ng on this host (port 3142)"),
                list("sources", "codenames to set up Debian sources for, e.g. bookworm"),
                ApiArgument.bool("sources_from_origins", "add the origins' supported codenames (per distro-info)"),
                list("distributions", "<codename>:<arch>[+<arch>…], 'native' for this host's architecture"),
                ApiArgument.bool("distributions_from_sources", "a distribution with the native architecture for every source"),
                list("repositories", "<id>:<layout>:<codename>[+<codename>…]; 'test' takes unsigned uploads, 'debdev' Debian Developers'"),
                list("repositories_from_distributions", "<id>[:<layout>]: a repository with every distribution of this setup"),
                list("chroots", "<codename>:<arch>[+<arch>…], as distributions"),
                ApiArgument.bool("chroots_from_sources", "a chroot with the native architecture for every source"),
                new ApiArgument("chroots_backend", ApiArgument.Type.STRING, false, "Dir", "chroot backend: Dir or File"),
                list("remotes", "other instances to build with: host:port, http://host:port/ or tcp:host=…:port=…"));
    }

    private static ApiArgument list(String name, String help) {
        return new ApiArgument(name, ApiArgument.Type.LIST, false, null, help);
    }

    private static ApiArgument string(String name, String defaultValue, String help) {
        return new ApiArgument(name, ApiArgument.Type.STRING, false, defaultValue, help);
    }

    @Override
    public Object run(ApiArguments arguments) {
        var report = setup.setup(SetupRequest.inspect()
                .update(arguments.string("update")).pca(arguments.string("pca"))
                .identity(arguments.string("identity")).ftpEndpoint(arguments.string("ftp_endpoint"))
                .fromOrigins(arguments.list("from_origins")).archives(arguments.list("archives"))
                .archivesFromOrigins(arguments.bool("archives_from_origins"))
                .archivesFromAptSources(arguments.bool("archives_from_apt_sources"))
                .archivesFromProxy(arguments.bool("archives_from_proxy"))
                .sources(arguments.list("sources")).sourcesFromOrigins(arguments.bool("sources_from_origins"))
                .distributions(arguments.list("distributions"))
                .distributionsFromSources(arguments.bool("distributions_from_sources"))
                .repositories(arguments.list("repositories"))
                .repositoriesFromDistributions(arguments.list("repositories_from_distributions"))
                .chroots(arguments.list("chroots")).chrootsFromSources(arguments.bool("chroots_from_sources"))
                .chrootsBackend(arguments.string("chroots_backend")).remotes(arguments.list("remotes")).build());
        return json(report);
    }

    /** mini-buildd's result shape: the computed setup, every instance, and the summary. */
    static Map<String, Object> json(SetupReport report) {
        var result = new LinkedHashMap<String, Object>();
        result.put("setup", report.setup());
        result.put("instances", report.instances().stream().map(i -> {
            var instance = new LinkedHashMap<String, Object>();
            instance.put("identity_str", i.type() + "(" + i.name() + ")");
            instance.put("identity_hash", i.hash());
            instance.put("type", i.type());
            instance.put("name", i.name());
            instance.put("status", i.status().name());
            instance.put("status_severity", i.status().severity());
            instance.put("actions", i.actions());
            instance.put("detail", i.detail());
            instance.put("note", i.note());
            return instance;
        }).toList());
        var summary = new LinkedHashMap<String, Object>();
        report.summary().forEach(c -> summary.put(c.label(), Map.of("severity", c.severity(), "quantity", c.quantity())));
        result.put("report", summary);
        result.put("severity", report.severity());
        return result;
    }
}
