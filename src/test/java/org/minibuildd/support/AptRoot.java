package org.minibuildd.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway apt root, as a user's machine for tests: apt and dpkg work below {@code root} through
 * {@code APT_CONFIG} (no chroot needed), with signature checking as apt does it by default.
 */
public record AptRoot(Path root, Path config) {

    /** Makes the root; {@code dpkgStatus} seeds what dpkg believes installed (empty for nothing). */
    public static AptRoot create(Path root, String dpkgStatus) throws Exception {
        for (var dir : List.of("etc/apt/sources.list.d", "etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/trusted.gpg.d",
                "var/lib/apt/lists/partial", "var/cache/apt/archives/partial", "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/log")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), dpkgStatus);
        Files.writeString(root.resolve("etc/apt/sources.list"), "");
        var config = root.resolve("apt.conf");
        Files.writeString(config, """
                Dir "%1$s/";
                Dir::State::status "%1$s/var/lib/dpkg/status";
                APT::Architecture "amd64";
                APT::Architectures { "amd64"; };
                APT::Sandbox::User "root";
                Debug::NoLocking "true";
                Acquire::Languages "none";
                DPkg::Options { "--root=%1$s"; "--admindir=%1$s/var/lib/dpkg"; "--force-not-root"; "--force-bad-path"; "--log=%1$s/var/log/dpkg.log"; };
                """.formatted(root));
        return new AptRoot(root, config);
    }

    /** Runs an apt command in this root; fails with its output unless it exits 0. */
    public String run(String... command) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("APT_CONFIG", config.toString());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
