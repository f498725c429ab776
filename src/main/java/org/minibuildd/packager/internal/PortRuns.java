package org.minibuildd.packager.internal;

import java.util.List;

import org.minibuildd.packager.PortResult;
import org.springframework.stereotype.Component;

/** Plans every port of a request first (all refusals before any upload), then makes them one by one. */
@Component
public class PortRuns {

    private final PortPlanner planner;
    private final PortMaker maker;

    PortRuns(PortPlanner planner, PortMaker maker) {
        this.planner = planner;
        this.maker = maker;
    }

    public List<PortResult> internal(String source, String from, List<String> to, String version, List<String> options) {
        return make(planner.internal(source, from, to, version, options));
    }

    public List<PortResult> external(String dscUrl, List<String> to, List<String> options, boolean allowUnauthenticated) {
        return make(planner.external(dscUrl, to, options, allowUnauthenticated));
    }

    private List<PortResult> make(List<PortPlan> plans) {
        return plans.stream().map(maker::make).toList();
    }
}
