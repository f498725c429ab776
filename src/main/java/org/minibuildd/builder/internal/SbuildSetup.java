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
 * snapshot, updates the lists the base has no fresh ones for ({@link BaseAptLists}), puts {@link SessionLintian}'s
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

    /**
     * {@code lintianScript} is null when lintian does not run; {@code updateSources} are the lines apt updates
     * ({@link BaseAptLists}), empty when the base's lists serve them all.
     */
    public void write(String sources, String preferences, String keys, String lintianScript, String updateSources) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("apt_sources.list"), sources);
        Files.writeString(dir.resolve("apt_preferences"), preferences == null ? "" : preferences);
        Files.writeString(dir.resolve("apt_update.list"), updateSources);
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
