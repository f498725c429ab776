package org.minibuildd.api.internal.calls;

import java.util.ArrayList;
import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.repository.Snapshots;
import org.springframework.stereotype.Component;

/**
 * {@code sources_list}: the apt lines of our repositories, in mini-buildd's one-line form
 * ({@code deb [] <url>/<repository> <dist> <components>}), or, new here, as a deb822 {@code .sources} file whose
 * {@code Signed-By:} carries the archive key, so one file is all apt needs.
 */
@Component
class SourcesListCall implements ApiCall {

    private final RepositoryService repositories;
    private final InstanceService instances;
    private final InstanceKeyStore keys;
    private final Snapshots snapshots;

    SourcesListCall(RepositoryService repositories, InstanceService instances, InstanceKeyStore keys, Snapshots snapshots) {
        this.repositories = repositories;
        this.instances = instances;
        this.keys = keys;
        this.snapshots = snapshots;
    }

    @Override
    public String name() {
        return "sources_list";
    }

    @Override
    public String description() {
        return "Get apt lines for our repositories (sources.list), or a deb822 .sources file with the key in Signed-By (deb822=true, new in this implementation)";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(
                list("codenames", "codenames to list (empty: all)"),
                list("repositories", "repository identities to list (empty: all)"),
                list("suites", "suites to list, like stable, unstable (empty: all)"),
                new ApiArgument("types", ApiArgument.Type.LIST, false, "deb", "types of apt lines: deb, deb-src"),
                new ApiArgument("options", ApiArgument.Type.STRING, false, "", "apt line options ('deb [<options>] …'), see sources.list(5)"),
                new ApiArgument("rollbacks", ApiArgument.Type.INT, false, "0", "also list up to <n> rollbacks per suite (0: none, negative: all)"),
                new ApiArgument("snapshot", ApiArgument.Type.STRING, false, "", "a repository snapshot (see snapshot_ls): the lines of its suites <diststr>/snapshots/<name>"),
                new ApiArgument("mirror", ApiArgument.Type.STRING, false, "", "URL to use instead of this instance's repositories URL"),
                ApiArgument.bool("with_extra", "also list the extra sources (security, backports) the distributions build with"),
                ApiArgument.bool("with_comment", "a comment line above each apt line"),
                ApiArgument.bool("deb822", "deb822 .sources format with Signed-By: the archive key (new in this implementation)"));
    }

    private static ApiArgument list(String name, String help) {
        return new ApiArgument(name, ApiArgument.Type.LIST, false, "", help);
    }

    /** One apt source: where, which distribution, which components; a comment for humans. */
    record Line(String uri, String suite, List<String> components, String comment) { }

    @Override
    public Object run(ApiArguments arguments) {
        var types = arguments.list("types").isEmpty() ? List.of("deb") : arguments.list("types");
        for (var type : types) {
            if (!List.of("deb", "deb-src").contains(type)) {
                throw new ApiException(400, "Invalid argument", "types: \"" + type + "\" is neither deb nor deb-src");
            }
        }
        var lines = lines(arguments);
        return arguments.bool("deb822") ? deb822(lines, types) : oneLine(lines, types, arguments.string("options"),
                arguments.bool("with_comment"));
    }

    private List<Line> lines(ApiArguments arguments) {
        var codenames = arguments.list("codenames");
        var wanted = arguments.list("repositories");
        var suites = arguments.list("suites");
        int rollbacks = arguments.integer("rollbacks");
        var mirror = arguments.string("mirror") == null || arguments.string("mirror").isBlank()
                ? instances.instance().url() + "/repositories" : arguments.string("mirror").replaceAll("/+$", "");
        var known = repositories.all().stream().map(RepositoryService.Summary::identity).toList();
        for (var identity : wanted) {
            if (!known.contains(identity)) {
                throw new ApiException(400, "Invalid argument", "repositories: there is no repository \"" + identity
                        + "\" (there are: " + String.join(", ", known) + ")");
            }
        }
        var origin = repositories.origin();
        var snapshot = arguments.string("snapshot") == null ? "" : arguments.string("snapshot").strip();
        var lines = new ArrayList<Line>();
        for (var identity : known) {
            if (!wanted.isEmpty() && !wanted.contains(identity)) {
                continue;
            }
            RepositoryConfig repository = repositories.config(identity).orElseThrow();
            for (var distribution : repository.distributions()) {
                if (!codenames.isEmpty() && !codenames.contains(distribution.codename())) {
                    continue;
                }
                if (arguments.bool("with_extra")) {
                    for (var extra : distribution.extras()) {
                        lines.add(new Line(extra.archive().replaceAll("/+$", ""), extra.codename(), extra.components(),
                                "extra source " + extra.codename() + " (apt priority " + extra.priority() + ")"));
                    }
                }
                for (var suite : repository.layout().suites()) {
                    if (!suites.isEmpty() && !suites.contains(suite.suite())) {
                        continue;
                    }
                    var diststr = snapshot(repository.diststr(distribution.codename(), suite.suite()), snapshot);
                    var uri = mirror + "/" + identity;
                    lines.add(new Line(uri, diststr, distribution.components(), comment(origin, diststr)));
                    int count = rollbacks < 0 ? suite.rollback() : Math.min(rollbacks, suite.rollback());
                    for (int r = 0; r < count; r++) {
                        var rollback = snapshot(repository.diststr(distribution.codename(), suite.suite(), r), snapshot);
                        lines.add(new Line(uri, rollback, distribution.components(), comment(origin, rollback)));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * With a snapshot, the suite apt reads is {@code <diststr>/snapshots/<name>} (the snapshot Release's Suite); as
     * mini-buildd, every distribution listed must have it.
     */
    private String snapshot(String diststr, String snapshot) {
        if (snapshot.isEmpty()) {
            return diststr;
        }
        var there = RepositoryRefusals.answer(() -> snapshots.ls(diststr));
        if (!there.contains(snapshot)) {
            throw new ApiException(400, "Bad Request", "No such snapshot for " + diststr + ": '" + snapshot + "' (available: "
                    + String.join(",", there) + ")");
        }
        return diststr + "/snapshots/" + snapshot;
    }

    private static String comment(String origin, String diststr) {
        return origin + " '" + diststr + "': release n=" + diststr + ", o=" + origin;
    }

    private static String oneLine(List<Line> lines, List<String> types, String options, boolean withComment) {
        var text = new StringBuilder();
        var opts = options == null ? "" : options.strip();
        for (var line : lines) {
            for (var type : types) {
                if (withComment) {
                    text.append("# ").append(line.comment()).append('\n');
                }
                text.append(type).append(" [").append(opts).append("] ").append(line.uri()).append(' ')
                        .append(line.suite()).append(line.components().isEmpty() ? "/" : " " + String.join(" ", line.components()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** One stanza per distribution; Signed-By carries the armored key, blank lines as " ." (deb822 continuation). */
    private String deb822(List<Line> lines, List<String> types) {
        var key = keys.get().exportArmored().strip().lines()
                .map(l -> l.isBlank() ? " ." : " " + l).reduce((a, b) -> a + "\n" + b).orElse("");
        var text = new StringBuilder();
        for (var line : lines) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("# ").append(line.comment()).append('\n')
                    .append("Types: ").append(String.join(" ", types)).append('\n')
                    .append("URIs: ").append(line.uri()).append('\n')
                    .append("Suites: ").append(line.suite()).append(line.components().isEmpty() ? "/" : "").append('\n');
            if (!line.components().isEmpty()) {
                text.append("Components: ").append(String.join(" ", line.components())).append('\n');
            }
            text.append("Signed-By:\n").append(key).append('\n');
        }
        return text.toString();
    }
}
