package org.minibuildd.api.internal.calls;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;

/**
 * {@code snapshot_create} and {@code snapshot_delete} (admin, confirm): the same arguments, one action each. The
 * answer is {}, as mini-buildd's; {@code snapshot_ls} lists what is there.
 */
abstract sealed class SnapshotChangeCall implements ApiCall permits SnapshotCreateCall, SnapshotDeleteCall {

    private final String name;
    private final String description;
    private final BiConsumer<String, String> action;

    SnapshotChangeCall(String name, String description, BiConsumer<String, String> action) {
        this.name = name;
        this.description = description;
        this.action = action;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
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
        return RepositoryRefusals.answer(() -> {
            action.accept(arguments.string("distribution"), arguments.string("name"));
            return Map.of();
        });
    }
}
