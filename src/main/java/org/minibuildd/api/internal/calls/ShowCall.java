package org.minibuildd.api.internal.calls;

import java.util.List;
import java.util.Optional;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiLink;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.Maintenance;
import org.springframework.stereotype.Component;

/** {@code show}: {@code ls} with what mini-buildd shows of each distribution (paths, migration, logs, events). */
@Component
class ShowCall implements ApiCall {

    private final Maintenance maintenance;

    ShowCall(Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String description() {
        return "Show source package in repository: ls with dsc and changes paths, migration state, build logs and the last events";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return SourceCalls.QUERY;
    }

    @Override
    public Object run(ApiArguments arguments) {
        return SourceCalls.refusable(() -> maintenance.show(SourceCalls.query(arguments)));
    }

    @Override
    public Optional<ApiLink> link(ApiArguments arguments) {
        return Optional.of(SourceCalls.packagePage(arguments));
    }
}
