package org.minibuildd.repository.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minibuildd.config.Layout;
import org.minibuildd.config.RepositoryConfig;

class RepreproConfTest {

    private static final String FINGERPRINT = "16CD881DE5564F3EED6844D696E9B4A87F620D00";

    private static RepositoryConfig repository(Map<String, String> meta) {
        var layout = new Layout("Small", List.of(
                new Layout.SuiteOption("stable", false, false, null, 1, false, true, true),
                new Layout.SuiteOption("unstable", true, false, "stable", 2, false, true, true),
                new Layout.SuiteOption("experimental", true, true, null, 0, false, true, false)),
                "", "", "", "", meta);
        var base = new RepositoryConfig.AptSource("http://deb.debian.org/debian/", "bookworm", List.of("main"), 0);
        return new RepositoryConfig("test", layout, List.of(new RepositoryConfig.Distribution("bookworm",
                List.of("main", "contrib"), List.of("amd64", "i386"), "amd64", List.of("amd64"), base, List.of())),
                "Mini-Buildd archive x on host", false, List.of());
    }

    @Test
    void everySuiteThenItsRollbacksWhichAptNeverPicksOnItsOwn() {
        var text = RepreproConf.distributions(repository(Map.of()), FINGERPRINT);
        assertThat(RepreproConf.diststrs(repository(Map.of()))).containsExactly("bookworm-test-stable",
                "bookworm-test-stable-rollback0", "bookworm-test-unstable", "bookworm-test-unstable-rollback0",
                "bookworm-test-unstable-rollback1", "bookworm-test-experimental");
        assertThat(text).startsWith("""
                Codename: bookworm-test-stable
                Suite: bookworm-test-stable
                Label: bookworm-test-stable
                AlsoAcceptFor:\s
                Origin: Mini-Buildd archive x on host
                Components: main contrib
                UDebComponents: main contrib
                Architectures: source amd64 i386
                Description: bookworm-test-stable
                SignWith: 16CD881DE5564F3EED6844D696E9B4A87F620D00
                NotAutomatic: yes
                ButAutomaticUpgrades: yes
                DebIndices: Packages Release . .gz .xz
                DscIndices: Sources Release . .gz .xz
                Contents: .gz

                Codename: bookworm-test-stable-rollback0
                """);
        // reprepro signs every distribution, rollbacks too, with the instance key named unambiguously.
        assertThat(text.lines().filter(l -> l.startsWith("SignWith: "))).hasSize(6).allMatch(l -> l.equals("SignWith: " + FINGERPRINT));
        assertThat(RepreproConf.withoutSignWith(text)).doesNotContain("SignWith").contains("Description: bookworm-test-stable\nNotAutomatic: yes\n");
        var experimental = text.substring(text.indexOf("Codename: bookworm-test-experimental"));
        assertThat(experimental).contains("ButAutomaticUpgrades: no");
        var rollback = text.substring(text.indexOf("Codename: bookworm-test-unstable-rollback1"));
        assertThat(rollback).contains("NotAutomatic: yes\nButAutomaticUpgrades: no");
    }

    @Test
    void optionsPointRepreproAtTheGnupgHomeWithTheInstanceKey() {
        assertThat(RepreproConf.options(Path.of("/var/lib/mini-buildd/keys/gnupg"))).isEqualTo("gnupghome /var/lib/mini-buildd/keys/gnupg\n");
    }

    @Test
    void metaDistributionsAreAcceptedForTheDistributionTheyStandFor() {
        var text = RepreproConf.distributions(repository(Map.of("unstable", "bookworm-unstable", "sid", "bookworm-unstable",
                "other", "trixie-unstable")), FINGERPRINT);
        var unstable = text.substring(text.indexOf("Codename: bookworm-test-unstable\n"));
        assertThat(unstable).contains("AlsoAcceptFor: sid unstable\n");
        assertThat(text).doesNotContain("other");
    }

    @Test
    void releasesNewerThanTheirSignaturesAreStale(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Release"), "Origin: x\n");
        assertThat(ReleaseSigner.isStale(dir)).isTrue();
        Files.writeString(dir.resolve("Release.gpg"), "sig");
        Files.writeString(dir.resolve("InRelease"), "sig");
        assertThat(ReleaseSigner.isStale(dir)).isFalse();
        Files.setLastModifiedTime(dir.resolve("Release"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(ReleaseSigner.isStale(dir)).isTrue();
    }

    @Test
    void repreprosComplaintWithoutItsChatter() {
        assertThat(Reprepro.reason("Exporting indices...\nERROR: 'x.dsc' cannot be included.\nThere have been errors!\n"))
                .isEqualTo("ERROR: 'x.dsc' cannot be included.");
    }

    @Test
    void contentTypesAptAndBrowsersExpect() {
        assertThat(RepositoryDelivery.DEBIAN_TYPES).containsEntry("deb", "application/vnd.debian.binary-package")
                .containsEntry("xz", "application/x-xz").containsEntry("gpg", "application/pgp-signature");
        assertThat(RepositoryDelivery.DEBIAN_TYPES.get("dsc")).startsWith("text/plain");
    }

    @Test
    void onlyDistsAndPoolBelowARepositoryAndNothingHidden() {
        var repositories = new StaticTreeRules(true);
        assertThat(repositories.allowed("/test/dists/d/InRelease")).isTrue();
        assertThat(repositories.allowed("/test/")).isTrue();
        assertThat(repositories.allowed("/")).isTrue();
        assertThat(repositories.allowed("/test/pool/main/h/hello/hello_1.0_all.deb")).isTrue();
        assertThat(repositories.allowed("/test/conf/distributions")).isFalse();
        assertThat(repositories.allowed("/test/db/")).isFalse();
        assertThat(repositories.allowed("/test/dists/.hidden")).isFalse();
        assertThat(repositories.allowed("/test/dists/d/.InRelease.new")).isFalse();
        var logs = new StaticTreeRules(false);
        assertThat(logs.allowed("/hello/1.0/20261207:010203:000001/amd64/buildlog")).isTrue();
        assertThat(logs.allowed("/hello/.partial")).isFalse();
    }
}
