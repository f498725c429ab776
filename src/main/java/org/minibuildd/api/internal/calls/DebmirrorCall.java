package org.minibuildd.api.internal.calls;

import java.util.LinkedHashMap;
import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.repository.Debmirror;
import org.springframework.stereotype.Component;

/**
 * {@code debmirror} (admin): a partial mirror of our repositories with Debian's debmirror. The answer maps each
 * mirrored repository to its directory (mini-buildd answers {}).
 */
@Component
class DebmirrorCall implements ApiCall {

    private final Debmirror debmirror;

    DebmirrorCall(Debmirror debmirror) {
        this.debmirror = debmirror;
    }

    @Override
    public String name() {
        return "debmirror";
    }

    @Override
    public String description() {
        return "Make local partial repository mirror via debmirror";
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
                new ApiArgument("suites", ApiArgument.Type.LIST, false, "", "suite names, like stable, unstable (empty: all)"),
                new ApiArgument("rollbacks", ApiArgument.Type.INT, false, "0", "also mirror up to <n> rollbacks per suite (0: none, negative: all)"),
                new ApiArgument("repositories", ApiArgument.Type.LIST, false, "", "repository identities (empty: all)"),
                new ApiArgument("codenames", ApiArgument.Type.LIST, false, "", "codenames (empty: all)"),
                new ApiArgument("architectures", ApiArgument.Type.STRING, false, "amd64,i386,arm64,armhf,armel,s390x,ppc64el,mipsel,mips64el",
                        "architectures to mirror (debmirror's --arch; only those found are mirrored)"),
                new ApiArgument("components", ApiArgument.Type.STRING, false, "main,contrib,non-free,main/debian-installer,multiverse,restricted,universe",
                        "components to mirror (debmirror's --section; only those found are mirrored)"),
                new ApiArgument("destination", ApiArgument.Type.STRING, false, "",
                        "mirror directory, absolute; {} is replaced by the repository identity (empty: <home>/debmirror/{}); "
                                + "must be absent, empty or an earlier mirror, as debmirror deletes what is not part of the mirror"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var request = new Debmirror.Request(arguments.list("repositories"), arguments.list("codenames"), arguments.list("suites"),
                arguments.integer("rollbacks"), arguments.string("architectures"), arguments.string("components"),
                arguments.string("destination"));
        return RepositoryRefusals.answer(() -> {
            var result = new LinkedHashMap<String, String>();
            debmirror.mirror(request).forEach((identity, path) -> result.put(identity, path.toString()));
            return result;
        });
    }
}
