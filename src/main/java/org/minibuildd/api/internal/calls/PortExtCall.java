package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.Ports;
import org.springframework.stereotype.Component;

/** {@code port_ext} (staff): a no-changes port of any source package, given by its .dsc URL. */
@Component
class PortExtCall implements ApiCall {

    private final Ports ports;

    PortExtCall(Ports ports) {
        this.ports = ports;
    }

    @Override
    public String name() {
        return "port_ext";
    }

    @Override
    public String description() {
        return "Port an external source package (URL of its .dsc) to distributions: only its changelog changes";
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
                new ApiArgument("dsc", ApiArgument.Type.STRING, true, null, "URL of the source package's .dsc"),
                ApiArgument.bool("allow_unauthenticated", "take the .dsc without verifying it against the Debian keyrings (dget -u)"),
                new ApiArgument("distributions", ApiArgument.Type.LIST, true, null, "uploadable distributions to port to, comma-separated"),
                PortOptions.ARGUMENT);
    }

    @Override
    public Object run(ApiArguments arguments) {
        return PortOptions.call(() -> ports.portExternal(arguments.string("dsc"), arguments.list("distributions"),
                PortOptions.of(arguments), arguments.bool("allow_unauthenticated")));
    }
}
