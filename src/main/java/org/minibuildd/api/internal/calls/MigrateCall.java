package org.minibuildd.api.internal.calls;

import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.Maintenance;
import org.springframework.stereotype.Component;

/**
 * {@code migrate} (staff): a source and its binaries to the suite its suite migrates to. As mini-buildd, the
 * answer is {@code {}}; the MIGRATED events say what moved. Beyond mini-buildd: {@code force} skips the
 * installability check.
 */
@Component
class MigrateCall implements ApiCall {

    private final Maintenance maintenance;

    MigrateCall(Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String description() {
        return "Migrate source package along with all its binary packages (from the given distribution)";
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
        return List.of(SourceCalls.SOURCE,
                new ApiArgument("distribution", ApiArgument.Type.STRING, true, null, "migrate from this distribution"),
                ApiArgument.bool("full", "migrate all 'migrates_to' suites up (unstable->testing->stable)"),
                SourceCalls.VERSION,
                ApiArgument.bool("force", "migrate even when the binaries are not installable in the target"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        SourceCalls.refusable(() -> maintenance.migrate(arguments.string("source"), arguments.string("distribution"),
                arguments.bool("full"), SourceCalls.optional(arguments.string("version")), arguments.bool("force")));
        return Map.of();
    }
}
