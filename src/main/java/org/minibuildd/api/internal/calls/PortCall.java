package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.Ports;
import org.springframework.stereotype.Component;

/** {@code port} (staff): a no-changes port of an installed source to other distributions (the same: a rebuild). */
@Component
class PortCall implements ApiCall {

    private final Ports ports;

    PortCall(Ports ports) {
        this.ports = ports;
    }

    @Override
    public String name() {
        return "port";
    }

    @Override
    public String description() {
        return "Port an installed source package to other distributions: only its changelog changes (the same distribution: a rebuild)";
    }

    @Override
    public Auth auth() {
        return Auth.STAFF;
    }

    @Override
    public boolean needsConfirmation() {
        return true;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(
                new ApiArgument("source", ApiArgument.Type.STRING, true, null, "source package name"),
                new ApiArgument("from_distribution", ApiArgument.Type.STRING, true, null, "distribution the source is installed in"),
                new ApiArgument("to_distributions", ApiArgument.Type.LIST, true, null, "uploadable distributions to port to, comma-separated"),
                new ApiArgument("version", ApiArgument.Type.STRING, false, "", "port exactly this version (default: the one in from_distribution)"),
                PortOptions.ARGUMENT);
    }

    @Override
    public Object run(ApiArguments arguments) {
        return PortOptions.call(() -> ports.port(arguments.string("source"), arguments.string("from_distribution"),
                arguments.list("to_distributions"), arguments.string("version"), PortOptions.of(arguments)));
    }
}
