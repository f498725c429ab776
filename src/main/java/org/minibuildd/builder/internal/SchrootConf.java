package org.minibuildd.builder.internal;

import java.util.Map;

/**
 * The schroot definition of a chroot. Dir chroots are a base directory whose sessions are overlay snapshots (the
 * base stays clean, a build starts from it in no time); File chroots unpack a tarball per session. The sbuild
 * group (the daemon is a member) may use sessions and be root in them, and may open the source chroot, which is
 * how prepare and the upgrade job change the base without sudo.
 */
public final class SchrootConf {

    /** mini-buildd's mapping: 32 bit chroots on a 64 bit kernel need the linux32 personality. */
    private static final Map<String, String> PERSONALITIES = Map.of("i386", "linux32", "armel", "linux32", "armhf", "linux32");

    private SchrootConf() {
    }

    public static String text(ChrootPaths paths, String backend, String personalityOverride, boolean eatmydata) {
        var personality = personalityOverride == null || personalityOverride.isBlank()
                ? PERSONALITIES.get(paths.architecture()) : personalityOverride.strip();
        var out = new StringBuilder();
        out.append("# Written by mini-buildd when it prepared the Chroot ").append(paths.codename()).append(':')
                .append(paths.architecture()).append("; it removes this file with the chroot.\n");
        out.append('[').append(paths.name()).append("]\n");
        out.append("description=mini-buildd chroot ").append(paths.codename()).append('/').append(paths.architecture()).append('\n');
        if ("File".equals(backend)) {
            out.append("type=file\n");
            out.append("file=").append(paths.tarball()).append('\n');
        } else {
            out.append("type=directory\n");
            out.append("directory=").append(paths.tree()).append('\n');
            out.append("union-type=overlay\n");
        }
        // The sbuild profile: /proc, /sys, /dev/pts and a private /build, no bind mount of /home or /tmp.
        out.append("profile=sbuild\n");
        out.append("groups=sbuild,root\n");
        out.append("root-groups=sbuild,root\n");
        out.append("source-groups=sbuild,root\n");
        out.append("source-root-groups=sbuild,root\n");
        if (personality != null) {
            out.append("personality=").append(personality).append('\n');
        }
        if (eatmydata) {
            // No fsync in a throwaway session: dpkg installs the build dependencies several times faster.
            out.append("command-prefix=eatmydata\n");
        }
        return out.toString();
    }
}
