package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.builder.ChrootException;
import org.minibuildd.builder.ChrootService;
import org.springframework.stereotype.Component;

/**
 * {@code remake_chroots} (admin): remove the chroots and make them anew (prepare, check, activate). Answers each
 * chroot with its status afterwards and what happened, so a failed remake says which step failed and why.
 */
@Component
class RemakeChrootsCall implements ApiCall {

    private final ChrootService chroots;

    RemakeChrootsCall(ChrootService chroots) {
        this.chroots = chroots;
    }

    @Override
    public String name() {
        return "remake_chroots";
    }

    @Override
    public String description() {
        return "Remove and make chroots anew (prepare, check, activate)";
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
        return List.of(new ApiArgument("keys", ApiArgument.Type.LIST, false, null,
                "chroots to remake, as a comma list of <codename>:<arch> (default: all chroots)"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var keys = arguments.list("keys");
        try {
            return chroots.remake(keys.isEmpty() ? chroots.keys() : keys);
        } catch (ChrootException e) {
            throw new ApiException(400, "Invalid argument", "API call 'remake_chroots': " + e.getMessage());
        }
    }
}
