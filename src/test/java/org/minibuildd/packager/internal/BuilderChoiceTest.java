package org.minibuildd.packager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BuilderChoiceTest {

    private static final String BOOKWORM_AMD64 = "bookworm:amd64";

    private static BuilderChoice.Builder local(double load, String... chroots) {
        return new BuilderChoice.Builder("http://here:8066", "ftp://here:8067", true, load, Set.of(chroots), true);
    }

    private static BuilderChoice.Builder remote(String host, boolean active, double load, String... chroots) {
        return new BuilderChoice.Builder("http://" + host + ":8066", "ftp://" + host + ":8067", active, load, Set.of(chroots), false);
    }

    @Test
    void theLeastLoadedBuilderWithTheChrootGetsTheBuild() {
        var busy = local(1.0, BOOKWORM_AMD64);
        var idle = remote("idle", true, 0.25, BOOKWORM_AMD64);
        var idler = remote("idler", true, 0.0, BOOKWORM_AMD64);
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of(busy, idle, idler))).contains(idler);
    }

    @Test
    void onEqualLoadTheLocalInstanceWinsThenTheFirstRemote() {
        var first = remote("first", true, 0.5, BOOKWORM_AMD64);
        var second = remote("second", true, 0.5, BOOKWORM_AMD64);
        var here = local(0.5, BOOKWORM_AMD64);
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of(first, second, here))).contains(here);
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of(first, second))).contains(first);
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of(second, first))).contains(second);
    }

    @Test
    void onlyABuilderWithTheChrootCounts() {
        var here = local(0.0, BOOKWORM_AMD64);
        var i386 = remote("i386", true, 1.0, "bookworm:i386", BOOKWORM_AMD64);
        assertThat(BuilderChoice.choose("bookworm:i386", List.of(here, i386))).contains(i386);
        assertThat(BuilderChoice.choose("trixie:amd64", List.of(here, i386))).isEmpty();
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of())).isEmpty();
    }

    @Test
    void anInactiveRemoteOrAStoppedBuilderGetsNothing() {
        var inactive = remote("inactive", false, 0.0, BOOKWORM_AMD64);
        var stopped = remote("stopped", true, -1.0, BOOKWORM_AMD64);
        var notBuilding = new BuilderChoice.Builder("http://here:8066", "ftp://here:8067", false, 0.0, Set.of(BOOKWORM_AMD64), true);
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of(inactive, stopped, notBuilding))).isEmpty();
        var busy = remote("busy", true, 3.0, BOOKWORM_AMD64);
        assertThat(BuilderChoice.choose(BOOKWORM_AMD64, List.of(inactive, stopped, busy))).contains(busy);
    }

    @Test
    void chrootKeysAreCodenameColonArchitecture() {
        assertThat(BuilderChoice.chroot("bookworm", "i386")).isEqualTo("bookworm:i386");
    }
}
