package org.minibuildd.api.internal.calls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.ApiLink;
import org.minibuildd.packager.MaintenanceException;
import org.minibuildd.packager.SourceQuery;

/** What the repository maintenance calls share: their arguments, the package page link, and refusals as 400. */
final class SourceCalls {

    static final ApiArgument SOURCE = new ApiArgument("source", ApiArgument.Type.STRING, true, null, "source package name");
    static final ApiArgument VERSION = new ApiArgument("version", ApiArgument.Type.STRING, false, "",
            "exactly this version (a safeguard, or for a version in a rollback)");

    /** {@code ls} and {@code show}: the source, where to look, which versions. */
    static final List<ApiArgument> QUERY = List.of(SOURCE,
            new ApiArgument("repositories", ApiArgument.Type.LIST, false, "", "repository identities (default: all)"),
            new ApiArgument("codenames", ApiArgument.Type.LIST, false, "", "codenames (default: all)"),
            new ApiArgument("version", ApiArgument.Type.STRING, false, "", "limit to exactly this version"),
            new ApiArgument("min_version", ApiArgument.Type.STRING, false, "", "limit to this version or greater"));

    private SourceCalls() {
    }

    static SourceQuery query(ApiArguments arguments) {
        return new SourceQuery(arguments.string("source"), arguments.list("repositories"), arguments.list("codenames"),
                arguments.string("version"), arguments.string("min_version"));
    }

    /** The package's page (issue 15 makes it), as mini-buildd's html answers link it. */
    static ApiLink packagePage(ApiArguments arguments) {
        var source = arguments.string("source");
        return new ApiLink("/mini_buildd/packages/" + URLEncoder.encode(source, StandardCharsets.UTF_8), "Package " + source);
    }

    /** Runs a maintenance action; its refusal is the caller's to fix: 400 with the reason, as mini-buildd. */
    static <T> T refusable(Supplier<T> action) {
        try {
            return action.get();
        } catch (MaintenanceException e) {
            throw new ApiException(400, "Bad Request", e.getMessage());
        }
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
