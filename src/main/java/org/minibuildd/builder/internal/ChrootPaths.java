package org.minibuildd.builder.internal;

import java.nio.file.Path;

import org.minibuildd.daemon.Home;

/**
 * Where one chroot lives, as mini-buildd lays it out: {@code home/chroots/<codename>/<arch>/} holding the tree
 * {@code source/} (Dir backend) or the tarball {@code source.tar} (File backend), the debootstrap keyring and a copy
 * of the schroot config; the system's config is {@code /etc/schroot/chroot.d/<name>.conf}, the name being
 * {@code <prefix>-<codename>-<arch>} ({@code minibuildd.chroots.schroot-prefix}, {@code mini-buildd} unless a second
 * daemon on the machine needs names of its own). The prepare log lives in {@code home/log/} so it survives a failed
 * prepare that cleans the chroot dir away.
 */
public record ChrootPaths(Path dir, Path log, Path schrootConfDir, String prefix, String codename, String architecture) {

    public static final Path SYSTEM_SCHROOT_CONF_DIR = Path.of("/etc/schroot/chroot.d");

    public static ChrootPaths of(Home home, String prefix, String codename, String architecture) {
        return new ChrootPaths(home.chroot(codename, architecture), home.chrootLog(codename, architecture), SYSTEM_SCHROOT_CONF_DIR,
                prefix, codename, architecture);
    }

    /**
     * The schroot chroot name: this builder's own, whoever requested the build (a request names codename and
     * architecture; a Remote's schroot names are its own business).
     */
    public static String schrootName(String prefix, String codename, String architecture) {
        return prefix + "-" + codename + "-" + architecture;
    }

    public String name() {
        return schrootName(prefix, codename, architecture);
    }

    /** debootstrap writes here; it becomes the tree or the tarball only when everything worked. */
    public Path staging() {
        return dir.resolve("tmp");
    }

    public Path tree() {
        return dir.resolve("source");
    }

    public Path tarball() {
        return dir.resolve("source.tar");
    }

    public Path keyring() {
        return dir.resolve("keyring.gpg");
    }

    public Path schrootConfCopy() {
        return dir.resolve("schroot.conf");
    }

    public Path systemSchrootConf() {
        return schrootConfDir.resolve(name() + ".conf");
    }
}
