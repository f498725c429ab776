package org.minibuildd.config;

import java.util.List;
import java.util.Optional;

import org.minibuildd.config.internal.DistributionStore;
import org.minibuildd.config.internal.RepositoryConfigStore;
import org.minibuildd.daemon.InstanceService;
import org.springframework.stereotype.Service;

/** Repositories as users see them: identity, codenames and the layout's suites. */
@Service
public class RepositoryService {

    /** One repository with its codenames (in order) and its layout. */
    public record Summary(String identity, List<String> codenames, Layout layout, StatusState state) { }

    private final DistributionStore distributions;
    private final LayoutService layouts;
    private final ConfigActions actions;

    private final RepositoryConfigStore configs;
    private final InstanceService instances;

    RepositoryService(DistributionStore distributions, LayoutService layouts, ConfigActions actions,
                      RepositoryConfigStore configs, InstanceService instances) {
        this.configs = configs;
        this.instances = instances;
        this.distributions = distributions;
        this.layouts = layouts;
        this.actions = actions;
    }

    public List<Summary> all() {
        return distributions.repositories().stream().map(identity -> new Summary(identity,
                distributions.codenamesOfRepository(identity),
                layouts.find(distributions.layoutOfRepository(identity)).orElseThrow(),
                actions.state(new ObjectRef(ObjectType.REPOSITORY, identity)))).toList();
    }

    /** What the repository on disk is made from; empty when there is no such repository. */
    public Optional<RepositoryConfig> config(String identity) {
        return configs.repository(identity).map(row -> new RepositoryConfig(row.identity(),
                layouts.find(row.layout()).orElseThrow(), configs.distributions(identity), origin(),
                row.allowUnauthenticatedUploads(), distributions.sourcesOfRepository(identity)));
    }

    /** The archive origin apt sees: the Daemon's custom one, or mini-buildd's {@code Mini-Buildd archive <id> on <host>}. */
    public String origin() {
        var custom = configs.customOrigin();
        var instance = instances.instance();
        return custom.isBlank() ? "Mini-Buildd archive " + instance.identity() + " on " + instance.hostname() : custom;
    }
}
