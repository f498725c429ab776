package org.minibuildd.api.internal.calls;

import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.Maintenance;
import org.springframework.stereotype.Component;

/** {@code remove} (admin): a source and its binaries out of one distribution; the answer is {@code {}}, as mini-buildd. */
@Component
class RemoveCall implements ApiCall {

    private final Maintenance maintenance;

    RemoveCall(Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String name() {
        return "remove";
    }

    @Override
    public String description() {
        return "Remove source package along with all its binary packages";
    }

    @Override
    public Auth auth() {
        return Auth.ADMIN;
    }

    @Override
    public boolean needsConfirmation() {
        return true;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(SourceCalls.SOURCE,
                new ApiArgument("distribution", ApiArgument.Type.STRING, true, null, "remove from this distribution"),
                ApiArgument.bool("without_rollback", "don't copy to rollback distribution"),
                SourceCalls.VERSION);
    }

    @Override
    public Object run(ApiArguments arguments) {
        SourceCalls.refusable(() -> maintenance.remove(arguments.string("source"), arguments.string("distribution"),
                arguments.bool("without_rollback"), SourceCalls.optional(arguments.string("version"))));
        return Map.of();
    }
}
