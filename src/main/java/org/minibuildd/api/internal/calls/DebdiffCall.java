package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.repository.Debdiff;
import org.springframework.stereotype.Component;

/** {@code debdiff}: Debian's debdiff between two versions of a source in a repository; the answer is its text. */
@Component
class DebdiffCall implements ApiCall {

    private final Debdiff debdiff;

    DebdiffCall(Debdiff debdiff) {
        this.debdiff = debdiff;
    }

    @Override
    public String name() {
        return "debdiff";
    }

    @Override
    public String description() {
        return "Compare two internal source packages (default: the two newest versions in the repository)";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(
                new ApiArgument("source", ApiArgument.Type.STRING, true, null, "source package name"),
                new ApiArgument("repository", ApiArgument.Type.STRING, true, null, "repository identity"),
                new ApiArgument("versiona", ApiArgument.Type.STRING, false, "", "version a to compare (empty: the second newest)"),
                new ApiArgument("versionb", ApiArgument.Type.STRING, false, "", "version b to compare (empty: the newest)"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        return RepositoryRefusals.answer(() -> debdiff.debdiff(arguments.string("repository"), arguments.string("source"),
                arguments.string("versiona"), arguments.string("versionb")).diff());
    }
}
