package org.minibuildd.api.internal.calls;

import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.builder.Builds;
import org.springframework.stereotype.Component;

/** {@code cancel} (staff): stop a running build; its package then fails with the build cancelled. */
@Component
class CancelCall implements ApiCall {

    private final Builds builds;

    CancelCall(Builds builds) {
        this.builds = builds;
    }

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public String description() {
        return "Cancel a running build";
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
        return List.of(new ApiArgument("bkey", ApiArgument.Type.STRING, true, null,
                "build key <source>/<version>/<timecode>/<arch> of a running build (as in its BUILDING event)"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var bkey = arguments.string("bkey");
        if (!builds.cancel(bkey)) {
            throw new ApiException(404, "Not Found", "no running build " + bkey + "; running: " + builds.running());
        }
        return Map.of("cancelled", bkey);
    }
}
