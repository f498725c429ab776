package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The build's apt data goes into the session, and apt updates there, before sbuild sets up the build. A host
 * script, run by sbuild as a pre-build command with the session's root exec command ({@code %SBUILD_CHROOT_EXEC})
 * as its arguments, writes the request's sources.list (replacing the base's), preferences and keys into the
 * snapshot, updates the lists the base has no fresh ones for ({@link BaseAptLists}) — those of the requesting
 * packager's own repository strictly: a line of it apt cannot fetch fails the build, with apt's reason in
 * {@link #failure()} (apt itself only warns, and the build would go on without what the package needs from there;
 * e.g. a packager host name that resolves on the host only, through its {@code /etc/hosts}) —, puts {@link SessionLintian}'s
 * script there when lintian runs, and notes the session id so the session can be ended after sbuild. sbuild 0.85
 * has no option for preferences, and its {@code --extra-repository} would only add to the base's sources.
 */
public final class SbuildSetup {

    private static final Pattern ARMORED_KEY = Pattern.compile(
            "-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", Pattern.DOTALL);

    static final String SCRIPT = """
            #!/bin/sh
            # Written by mini-buildd for one build: sbuild runs it before the build, outside the chroot, with the
            # command that runs something as root in the build's schroot session as arguments.
            set -e
            dir=$(dirname "$0")
            prev=""
            for arg in "$@"; do
              if [ "$prev" = "-c" ]; then echo "$arg" > "$dir/session-id"; fi
              prev=$arg
            done
            "$@" sh -c 'cat > /etc/apt/sources.list' < "$dir/apt_sources.list"
            if [ -s "$dir/apt_preferences" ]; then
              "$@" sh -c 'cat > /etc/apt/preferences.d/mini-buildd' < "$dir/apt_preferences"
            fi
            for key in "$dir"/apt-key-*.asc; do
              [ -e "$key" ] || continue
              "$@" sh -c "cat > /etc/apt/trusted.gpg.d/mini-buildd-$(basename "$key")" < "$key"
            done
            if [ -s "$dir/apt_update_own.list" ]; then
              echo "apt update of the requesting packager's repository:"
              cat "$dir/apt_update_own.list"
              "$@" sh -c 'cat > /etc/apt/mini-buildd-own.list' < "$dir/apt_update_own.list"
              # An install exporting the repository at this moment (new Packages, InRelease not yet signed) makes
              # one fetch fail; only a failure that lasts is the build's.
              tries=1
              while ! "$@" apt-get -q update --error-on=any -o Dir::Etc::SourceList=/etc/apt/mini-buildd-own.list \
                  -o Dir::Etc::SourceParts=/dev/null -o APT::Get::List-Cleanup=false -o pkgCacheFile::Generate=false \
                  > "$dir/apt_update_own.log" 2>&1; do
                if [ $tries -lt 4 ]; then
                  grep -E '^(Err|E):' "$dir/apt_update_own.log" || true
                  echo "apt update of the packager's repository failed (try $tries of 4): again in 3 s"
                  tries=$((tries + 1))
                  sleep 3
                  continue
                fi
                cat "$dir/apt_update_own.log"
                # apt names each failed fetch on an "Err:" line, its reason on the indented line below.
                awk '/^Err:/ { sub(/^Err:[0-9]+ /, ""); what = $0; next }
                     what != "" && /^ / { sub(/^ +/, ""); printf "%%sapt could not fetch %%s: %%s", sep, what, $0; sep = "; "; what = "" }' \
                  "$dir/apt_update_own.log" > "$dir/failure"
                if [ ! -s "$dir/failure" ]; then
                  { printf 'apt could not update the packager repository: '; grep '^E: ' "$dir/apt_update_own.log" | tr '\\n' ' '; } > "$dir/failure"
                fi
                echo "E: mini-buildd: $(cat "$dir/failure")"
                exit 1
              done
              "$@" rm -f /etc/apt/mini-buildd-own.list
            fi
            if [ -s "$dir/apt_update.list" ]; then
              echo "apt update of what the chroot has no fresh lists for:"
              cat "$dir/apt_update.list"
              "$@" sh -c 'cat > /etc/apt/mini-buildd-update.list' < "$dir/apt_update.list"
              "$@" apt-get -q update -o Dir::Etc::SourceList=/etc/apt/mini-buildd-update.list -o Dir::Etc::SourceParts=/dev/null \
                -o APT::Get::List-Cleanup=false -o pkgCacheFile::Generate=false
              "$@" rm -f /etc/apt/mini-buildd-update.list
            fi
            if [ -e "$dir/run-lintian" ]; then
              "$@" sh -c 'mkdir -p "$(dirname "$0")" && cat > "$0" && chmod 0755 "$0"' %s < "$dir/run-lintian"
            fi
            """.formatted(SessionLintian.IN_SESSION);

    private final Path dir;

    public SbuildSetup(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path script() {
        return dir.resolve("setup.sh");
    }

    /** sbuild's user config for the build: empty, as every option is on the command line. */
    public Path sbuildrc() {
        return dir.resolve("sbuildrc");
    }

    public Path sessionFile() {
        return dir.resolve("session-id");
    }

    /** Why the setup failed the build, in plain words (the packager's repository could not be fetched); empty if not. */
    public java.util.Optional<String> failure() {
        try {
            var file = dir.resolve("failure");
            return Files.isRegularFile(file) ? java.util.Optional.of(Files.readString(file).strip()).filter(f -> !f.isEmpty())
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code lintianScript} is null when lintian does not run; {@code updateSources} are the lines apt updates
     * ({@link BaseAptLists}), empty when the base's lists serve them all; those under {@code ownRepository} (the
     * requesting packager's repositories; empty for none) must update or the build fails.
     */
    public void write(String sources, String preferences, String keys, String lintianScript, String updateSources,
                      String ownRepository) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("apt_sources.list"), sources);
        Files.writeString(dir.resolve("apt_preferences"), preferences == null ? "" : preferences);
        var own = new StringBuilder();
        var others = new StringBuilder();
        updateSources.lines().forEach(line -> (isUnder(line, ownRepository) ? own : others).append(line).append('\n'));
        Files.writeString(dir.resolve("apt_update_own.list"), own);
        Files.writeString(dir.resolve("apt_update.list"), others);
        Files.deleteIfExists(dir.resolve("failure"));
        var blocks = splitKeys(keys);
        for (int i = 0; i < blocks.size(); i++) {
            Files.writeString(dir.resolve("apt-key-" + i + ".asc"), blocks.get(i) + "\n");
        }
        Files.writeString(sbuildrc(), "# mini-buildd passes every option on sbuild's command line.\n1;\n");
        Files.deleteIfExists(dir.resolve("run-lintian"));
        if (lintianScript != null) {
            Files.writeString(dir.resolve("run-lintian"), lintianScript);
        }
        Files.writeString(script(), SCRIPT);
        Files.setPosixFilePermissions(script(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.deleteIfExists(sessionFile());
    }

    /** A one-line source whose URI lies under the prefix ({@code deb [options] <uri> …}). */
    static boolean isUnder(String line, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return false;
        }
        var words = line.strip().split("\\s+");
        return java.util.Arrays.stream(words).skip(1).filter(w -> !w.startsWith("[") && !w.endsWith("]")).findFirst()
                .map(uri -> (uri + "/").startsWith(prefix.endsWith("/") ? prefix : prefix + "/")).orElse(false);
    }

    /** apt reads one armored key per {@code .asc} file in trusted.gpg.d; a request's {@code apt_keys} holds many. */
    static List<String> splitKeys(String keys) {
        var blocks = new ArrayList<String>();
        if (keys != null) {
            var matcher = ARMORED_KEY.matcher(keys);
            while (matcher.find()) {
                blocks.add(matcher.group());
            }
        }
        return blocks;
    }

    public java.util.Optional<String> session() {
        try {
            return Files.exists(sessionFile()) ? java.util.Optional.of(Files.readString(sessionFile()).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
