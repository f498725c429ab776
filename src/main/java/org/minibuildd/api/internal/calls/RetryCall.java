package org.minibuildd.api.internal.calls;

import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.Packages;
import org.springframework.stereotype.Component;

/** {@code retry} (staff): run a failed package again, as a new upload of the same files. */
@Component
class RetryCall implements ApiCall {

    private final Packages packages;

    RetryCall(Packages packages) {
        this.packages = packages;
    }

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public String description() {
        return "Retry a failed package: its upload runs again under a new timecode";
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
                "key of the failed package, <source>/<version>/<timecode> (as in its FAILED event)"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var bkey = arguments.string("bkey");
        var retried = packages.retry(bkey).orElseThrow(() -> new ApiException(404, "Not Found",
                "no failed package " + bkey + " (the key is in its FAILED event: <source>/<version>/<timecode>)"));
        return Map.of("retried", bkey, "key", retried);
    }
}
