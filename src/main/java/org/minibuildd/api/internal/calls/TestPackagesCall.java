package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.packager.ArchivePackages;
import org.springframework.stereotype.Component;

/** {@code test_packages} (admin): build mini-buildd's three test packages, and with_check say how each ended. */
@Component
class TestPackagesCall implements ApiCall {

    private final ArchivePackages packages;

    TestPackagesCall(ArchivePackages packages) {
        this.packages = packages;
    }

    @Override
    public String name() {
        return "test_packages";
    }

    @Override
    public String description() {
        return "Build test packages (arch all; C++; one that fails to build)";
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
                new ApiArgument("sources", ApiArgument.Type.LIST, false, String.join(",", ArchivePackages.testSources()),
                        "test source packages to use (" + String.join(", ", ArchivePackages.testSources()) + ")"),
                new ApiArgument("distributions", ApiArgument.Type.LIST, false, null,
                        "distributions to upload to (default: the active experimental distributions)"),
                new ApiArgument("auto_ports", ApiArgument.Type.LIST, false, null,
                        "distributions to port the installed packages to (auto-ports upload option)"),
                ApiArgument.bool("with_check", "wait for each package's result: the FTBFS one must fail, the others install"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        return ArchivePackagesCalls.call(() -> packages.testPackages(arguments.list("sources"),
                arguments.list("distributions"), arguments.list("auto_ports"), arguments.bool("with_check")));
    }
}
