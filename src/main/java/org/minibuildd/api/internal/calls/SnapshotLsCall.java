package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.repository.Snapshots;
import org.springframework.stereotype.Component;

/** {@code snapshot_ls}: the names of a distribution's repository snapshots, a JSON list as mini-buildd gives it. */
@Component
class SnapshotLsCall implements ApiCall {

    static final ApiArgument DISTRIBUTION = new ApiArgument("distribution", ApiArgument.Type.STRING, true, null,
            "distribution name (<codename>-<id>-<suite>[-rollback<n>])");

    private final Snapshots snapshots;

    SnapshotLsCall(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public String name() {
        return "snapshot_ls";
    }

    @Override
    public String description() {
        return "Get list of repository snapshots for a distribution";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(DISTRIBUTION);
    }

    @Override
    public Object run(ApiArguments arguments) {
        return RepositoryRefusals.answer(() -> snapshots.ls(arguments.string("distribution")));
    }
}
