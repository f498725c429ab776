package org.minibuildd.builder;

/**
 * The outcome of remaking one chroot.
 *
 * @param chroot  {@code <codename>:<arch>}
 * @param status  its status afterwards: {@code ACTIVE} when the remake worked
 * @param message what was done, or why it failed (the failed step's reason)
 */
public record RemadeChroot(String chroot, String status, String message) { }
