package org.minibuildd.config;

import java.util.List;

import org.minibuildd.config.internal.DistributionStore;
import org.springframework.stereotype.Service;

/** Repositories as users see them: identity, codenames and the layout's suites. */
@Service
public class RepositoryService {

    /** One repository with its codenames (in order) and its layout. */
    public record Summary(String identity, List<String> codenames, Layout layout, StatusState state) { }

    private final DistributionStore distributions;
    private final LayoutService layouts;
    private final ConfigActions actions;

    RepositoryService(DistributionStore distributions, LayoutService layouts, ConfigActions actions) {
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
}
