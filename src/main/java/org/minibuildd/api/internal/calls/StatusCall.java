package org.minibuildd.api.internal.calls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.builder.Builds;
import org.minibuildd.config.ChrootConfigService;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.DatabaseWrites;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.remote.RemoteService;
import org.springframework.stereotype.Component;

/** {@code status}: who this instance is, its load, its chroots and remotes (and optionally its repositories). */
@Component
class StatusCall implements ApiCall {

    private final InstanceService instances;
    private final RepositoryService repositories;
    private final RemoteService remotes;
    private final Builds builds;
    /** Remotes ask status of every instance often (at every packaging); these change only with the configuration. */
    private final Supplier<List<String>> activeChroots;
    private final Supplier<List<String>> activeRemotes;

    StatusCall(InstanceService instances, RepositoryService repositories, RemoteService remotes, Builds builds,
               ChrootConfigService chroots, DatabaseWrites writes) {
        this.instances = instances;
        this.repositories = repositories;
        this.remotes = remotes;
        this.builds = builds;
        this.activeChroots = writes.cached(chroots::activeKeys);
        this.activeRemotes = writes.cached(remotes::activeUrls);
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String description() {
        return "Get the status of this instance";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(ApiArgument.bool("with_repositories", "also list the repositories with their codenames and layouts"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var instance = instances.instance();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", instance.version());
        status.put("identity", instance.identity());
        status.put("url", instance.url());
        status.put("incoming_url", instance.incomingUrl());
        // What Remotes choose builders by: running builds per slot (-1 when not building) and the active chroots.
        status.put("load", builds.load());
        status.put("chroots", activeChroots.get());
        // As mini-buildd: the Remotes in use, including those that failed a check and reactivate when fixed.
        status.put("remotes", activeRemotes.get());
        if (arguments.bool("with_repositories")) {
            var byIdentity = new LinkedHashMap<String, Object>();
            for (var repository : repositories.all()) {
                var layout = new LinkedHashMap<String, Object>();
                for (var suite : repository.layout().suites()) {
                    var options = new LinkedHashMap<String, Object>();
                    options.put("uploadable", suite.uploadable());
                    options.put("experimental", suite.experimental());
                    options.put("migrates_to", suite.migratesTo());
                    layout.put(suite.suite(), options);
                }
                var entry = new LinkedHashMap<String, Object>();
                entry.put("codenames", repository.codenames());
                entry.put("layout", layout);
                byIdentity.put(repository.identity(), entry);
            }
            status.put("repositories", byIdentity);
        }
        return status;
    }
}
