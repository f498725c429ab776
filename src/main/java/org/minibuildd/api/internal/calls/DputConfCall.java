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

/** {@code dput_conf}: the dput.cf snippet (or dput-ng profile) that uploads to this instance's FTP incoming. */
@Component
class DputConfCall implements ApiCall {

    private final InstanceService instances;

    DputConfCall(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String name() {
        return "dput_conf";
    }

    @Override
    public String description() {
        return "Get the dput configuration for this instance (for ~/.dput.cf), or a dput-ng profile";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(ApiArgument.bool("dput_ng_profile", "a dput-ng profile (JSON) instead of a dput.cf snippet"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var instance = instances.instance();
        var incoming = java.net.URI.create(instance.incomingUrl());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("method", "ftp");
        values.put("fqdn", incoming.getHost() + ":" + incoming.getPort());
        values.put("login", "anonymous");
        values.put("incoming", "/incoming");
        if (arguments.bool("dput_ng_profile")) {
            return values;
        }
        var text = new StringBuilder("[mini-buildd-" + instance.identity() + "]\n");
        values.forEach((key, value) -> text.append(String.format("%-8s = %s%n", key, value)));
        return text.toString();
    }
}
