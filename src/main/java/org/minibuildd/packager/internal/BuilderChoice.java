package org.minibuildd.packager.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which builder gets the build of one {@code <codename>:<arch>}: the least loaded of the builders that are in use
 * and have an active chroot for it, as mini-buildd spreads builds over itself and its Remotes. On equal load the
 * local instance wins (no network between packager and builder); among Remotes, the first listed.
 */
final class BuilderChoice {

    /**
     * One builder as the packager sees it at this moment.
     *
     * @param url         its HTTP endpoint ({@code http://host:8066}), named in the build request as the builder
     * @param incomingUrl its FTP incoming ({@code ftp://host:8067}), where the build request is sent
     * @param active      the builder is in use: the local daemon builds, a Remote is active and answered
     * @param load        running builds / build slots, as its {@code status} says; negative when it is stopped
     * @param chroots     its active chroots, {@code <codename>:<arch>}
     * @param local       this instance itself
     */
    record Builder(String url, String incomingUrl, boolean active, double load, Set<String> chroots, boolean local) {

        Builder {
            chroots = Set.copyOf(chroots);
        }

        boolean canBuild(String chroot) {
            return active && load >= 0 && chroots.contains(chroot);
        }
    }

    private static final Comparator<Builder> LEAST_LOADED_LOCAL_FIRST =
            Comparator.comparingDouble(Builder::load).thenComparing(b -> !b.local());

    private BuilderChoice() {
    }

    /** {@code <codename>:<arch>}, the key chroots go by in the configuration and in {@code status}. */
    static String chroot(String codename, String architecture) {
        return codename + ":" + architecture;
    }

    /** The builder for the chroot; empty when no builder in use has it active. */
    static Optional<Builder> choose(String chroot, List<Builder> builders) {
        // min() keeps the first of equals: Remotes keep the order they were added in.
        return builders.stream().filter(b -> b.canBuild(chroot)).min(LEAST_LOADED_LOCAL_FIRST);
    }
}
