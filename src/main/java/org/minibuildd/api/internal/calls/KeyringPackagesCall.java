package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.ArchivePackages;
import org.springframework.stereotype.Component;

/** {@code keyring_packages} (admin): build the archive keyring package into distributions, waiting for the result. */
@Component
class KeyringPackagesCall implements ApiCall {

    private final ArchivePackages packages;

    KeyringPackagesCall(ArchivePackages packages) {
        this.packages = packages;
    }

    @Override
    public String name() {
        return "keyring_packages";
    }

    @Override
    public String description() {
        return "Build keyring packages: the archive key and apt sources using it (Signed-By), uploaded to each distribution";
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
                new ApiArgument("distributions", ApiArgument.Type.LIST, false, null,
                        "distributions to upload to (default: the active distributions whose suite has build_keyring_package)"),
                ApiArgument.bool("without_migration", "don't migrate the packages"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        return ArchivePackagesCalls.call(() -> packages.keyringPackages(arguments.list("distributions"),
                arguments.bool("without_migration")));
    }
}
