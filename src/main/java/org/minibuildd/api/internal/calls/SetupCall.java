package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.springframework.stereotype.Component;

/** {@code setup}: bootstrap a Debian instance (archives, keys, sources, distributions, repositories, chroots). */
@Component
class SetupCall implements ApiCall {

    private final SetupService setup;

    SetupCall(SetupService setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String description() {
        return "Create or extend this instance's setup: every object given is created and put into use (PCA)";
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
        return List.of(
                list("from_origins", "<origin>[:lts|all], used by the *_from_origins options; empty: this host's (Debian)"),
                list("archives", "archive URLs to take sources from, e.g. http://deb.debian.org/debian/"),
                ApiArgument.bool("archives_from_origins", "add the origins' own archives (deb.debian.org)"),
                ApiArgument.bool("archives_from_apt_sources", "add the archives this host's apt uses"),
                list("sources", "codenames to set up Debian sources for, e.g. bookworm"),
                ApiArgument.bool("sources_from_origins", "add the origins' supported codenames (per distro-info)"),
                list("distributions", "<codename>:<arch>[+<arch>…], 'native' for this host's architecture"),
                ApiArgument.bool("distributions_from_sources", "a distribution with the native architecture for every source"),
                list("repositories", "<id>:<layout>:<codename>[+<codename>…]; 'test' takes unsigned uploads, 'debdev' Debian Developers'"),
                list("chroots", "<codename>:<arch>[+<arch>…], as distributions"),
                ApiArgument.bool("chroots_from_sources", "a chroot with the native architecture for every source"),
                new ApiArgument("chroots_backend", ApiArgument.Type.STRING, false, "Dir", "chroot backend: Dir or File"));
    }

    private static ApiArgument list(String name, String help) {
        return new ApiArgument(name, ApiArgument.Type.LIST, false, null, help);
    }

    @Override
    public Object run(ApiArguments arguments) {
        return setup.setup(new SetupRequest(arguments.list("from_origins"), arguments.list("archives"),
                arguments.bool("archives_from_origins"), arguments.bool("archives_from_apt_sources"),
                arguments.list("sources"), arguments.bool("sources_from_origins"),
                arguments.list("distributions"), arguments.bool("distributions_from_sources"),
                arguments.list("repositories"), arguments.list("chroots"), arguments.bool("chroots_from_sources"),
                arguments.string("chroots_backend")));
    }
}
