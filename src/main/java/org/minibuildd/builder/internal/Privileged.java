package org.minibuildd.builder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.process.Command;

/**
 * The few chroot steps that need root (debootstrap, writing {@code /etc/schroot/chroot.d}, removing root-owned
 * trees) go through {@code sudo -n} when the daemon is not root, as mini-buildd does; the setup installs narrow
 * sudoers lines for exactly these commands. As root (the tests) they run directly.
 */
public final class Privileged {

    private static final boolean ROOT = isRoot();

    private Privileged() {
    }

    public static Command command(String... argv) {
        return command(List.of(argv));
    }

    public static Command command(List<String> argv) {
        if (ROOT) {
            return Command.of(argv);
        }
        var sudo = new ArrayList<String>(List.of("/usr/bin/sudo", "-n", "--"));
        sudo.addAll(argv);
        return Command.of(sudo);
    }

    /** /proc/self belongs to the process's real user. */
    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
