package org.minibuildd.api.internal.calls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.daemon.InstanceService;
import org.springframework.stereotype.Component;

/** {@code status}: who this instance is, its load, its chroots and remotes (and optionally its repositories). */
@Component
class StatusCall implements ApiCall {

    private final InstanceService instances;

    StatusCall(InstanceService instances) {
        this.instances = instances;
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
        // No builder yet: nothing runs, no chroots, no remotes.
        status.put("load", 0.0);
        status.put("chroots", List.of());
        status.put("remotes", List.of());
        if (arguments.bool("with_repositories")) {
            status.put("repositories", Map.of());
        }
        return status;
    }
}
