package org.minibuildd.builder;

import java.nio.file.Path;

/**
 * Where the making of one chroot stands, for the UI to poll: the phase, a fraction from 0 to 1 (debootstrap's
 * packages validated, unpacked and configured), a sentence saying what happens, and the live log.
 *
 * @param packages debootstrap's packages seen so far (known once the download phase is over)
 */
public record ChrootProgress(Phase phase, double fraction, int packages, String message, Path log) {

    public enum Phase { IDLE, DEBOOTSTRAP, SEEDING, CONFIGURING, PACKAGING, CHECKING, UPGRADING, REMOVING, DONE, FAILED }

    public int percent() {
        return (int) Math.round(fraction * 100);
    }

    public boolean running() {
        return phase != Phase.IDLE && phase != Phase.DONE && phase != Phase.FAILED;
    }
}
