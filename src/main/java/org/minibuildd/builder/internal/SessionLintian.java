package org.minibuildd.builder.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * lintian, run by us in the build's own session instead of by sbuild's {@code --run-lintian}. sbuild 0.85 first
 * installs lintian through a dummy package (a second resolver round: dummy archive, apt update, package lists read
 * again), which costs about 4 s per build even though our base chroots have lintian installed already. Here sbuild
 * runs a small script as its chroot cleanup command (after the .changes is made, before piuparts and autopkgtest,
 * as root in the session): it runs lintian as the build's user on the .changes and the .dsc with the request's
 * options, exactly as sbuild would, and prints the verdict in sbuild's words on a marker line of the build log.
 * The script exits 0 whatever lintian says: the verdict is the installer's to judge, per the lintian mode.
 * <p>
 * Verdicts follow lintian's own exit codes (2: a {@code --fail-on} condition, a {@code fail}; 1: a run-time
 * {@code error}), where sbuild 0.85 still reads them the pre-{@code --fail-on} way round and calls every policy
 * failure a run-time error. Both fail an ERRFAIL or WARNFAIL distribution alike.
 */
public final class SessionLintian {

    /** Where the setup script puts the lintian script in the session. */
    public static final String IN_SESSION = "/var/lib/mini-buildd/run-lintian";

    /** The command sbuild runs; {@code %SBUILD_BUILD_DIR} is the build directory inside the session. */
    public static final String CLEANUP_COMMAND = IN_SESSION + " %SBUILD_BUILD_DIR";

    static final String MARKER = "mini-buildd lintian verdict: ";

    private static final Pattern VERDICT = Pattern.compile("^" + Pattern.quote(MARKER) + "([a-z-]+)$");

    private SessionLintian() {
    }

    /**
     * The script for one build. A build without a .changes (it failed) gets {@code not-run}; a chroot without lintian
     * gets it installed in the session first, as sbuild would have done.
     */
    public static String script(List<String> options) {
        var quoted = options.stream().map(SessionLintian::quote).collect(Collectors.joining(" "));
        return """
                #!/bin/sh
                # Written by mini-buildd for one build: sbuild runs it as root in the build's session once the build
                # made its .changes. It runs lintian as the build's user and prints the verdict in sbuild's words.
                cd "$1" 2>/dev/null || { echo "%1$snot-run"; exit 0; }
                set -- *.changes
                if [ ! -e "$1" ]; then echo "%1$snot-run"; exit 0; fi
                if ! command -v lintian >/dev/null; then
                  echo "lintian is not installed in this chroot: installing it in the session"
                  apt-get install --yes --no-install-recommends lintian || { echo "%1$serror"; exit 0; }
                fi
                user=$(stat -c %%U .)
                out=$(mktemp)
                echo "Running lintian as $user: lintian %2$s $* $(ls *.dsc 2>/dev/null)"
                { runuser -u "$user" -- lintian %2$s "$@" *.dsc; echo $? > "$out.rc"; } 2>&1 | tee "$out"
                rc=$(cat "$out.rc")
                case $rc in
                  0) verdict=pass
                     if grep -q '^I: ' "$out"; then verdict=info; fi
                     if grep -q '^W: ' "$out"; then verdict=warn; fi ;;
                  2) verdict=fail ;;
                  *) verdict=error ;;
                esac
                rm -f "$out" "$out.rc"
                echo "%1$s$verdict"
                exit 0
                """.formatted(MARKER, quoted);
    }

    /**
     * The verdict the script printed last: pass, info, warn, fail, error or not-run. Only the last marker counts,
     * as a package's own build output comes before the script runs.
     */
    public static Optional<String> verdict(List<String> logLines) {
        for (int i = logLines.size() - 1; i >= 0; i--) {
            var match = VERDICT.matcher(logLines.get(i).strip());
            if (match.matches()) {
                return Optional.of(match.group(1));
            }
        }
        return Optional.empty();
    }

    /** One shell word: options come from the distribution's configuration and may hold anything. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
