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

/** {@code ls}: where a source package is, per repository and distribution, with its rollbacks. */
@Component
class LsCall implements ApiCall {

    private final Maintenance maintenance;

    LsCall(Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String description() {
        return "List source package in repository";
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
        return SourceCalls.refusable(() -> maintenance.ls(SourceCalls.query(arguments)));
    }

    @Override
    public Optional<ApiLink> link(ApiArguments arguments) {
        return Optional.of(SourceCalls.packagePage(arguments));
    }
}
