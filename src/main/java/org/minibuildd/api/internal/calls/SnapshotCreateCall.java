package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.repository.Snapshots;
import org.springframework.stereotype.Component;

/** {@code snapshot_create} (admin): creates a repository snapshot of a distribution (the answer is {}, as mini-buildd's). */
@Component
class SnapshotCreateCall implements ApiCall {

    private final Snapshots snapshots;

    SnapshotCreateCall(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public String name() {
        return "snapshot_create";
    }

    @Override
    public String description() {
        return "Create a repository snapshot";
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
        return List.of(SnapshotLsCall.DISTRIBUTION, new ApiArgument("name", ApiArgument.Type.STRING, true, null, "snapshot name"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var diststr = arguments.string("distribution");
        return RepositoryRefusals.answer(() -> {
            snapshots.create(diststr, arguments.string("name"));
            // mini-buildd answers {}; snapshot_ls lists what is there.
            return java.util.Map.of();
        });
    }
}
