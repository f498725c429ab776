package org.minibuildd.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackagerRepositoryTest {

    private static final String SOURCES = """
            deb http://deb.debian.org/debian/ bookworm main
            deb [] http://vm:8066/repositories/test bookworm-test-unstable main contrib
            deb [] http://vm:8066/repositories/test bookworm-test-testing main contrib
            """;

    @Test
    void ourOwnRequestsReachOurRepositoriesOverLoopbackAtTheRealPort() {
        var own = PackagerRepository.of("http://vm:8066", "http://vm:8066", 41234);
        assertThat(own.reachable()).isEqualTo("http://127.0.0.1:41234/repositories/");
        assertThat(own.rewrite(SOURCES)).isEqualTo("""
                deb http://deb.debian.org/debian/ bookworm main
                deb [] http://127.0.0.1:41234/repositories/test bookworm-test-unstable main contrib
                deb [] http://127.0.0.1:41234/repositories/test bookworm-test-testing main contrib
                """);
    }

    @Test
    void aRemotesRequestKeepsTheUrlTheRemoteGave() {
        var remote = PackagerRepository.of("http://vm:8066/", "http://builder:8066", 8066);
        assertThat(remote.reachable()).isEqualTo("http://vm:8066/repositories/");
        assertThat(remote.rewrite(SOURCES)).isEqualTo(SOURCES);
        var none = PackagerRepository.of("", "http://builder:8066", 8066);
        assertThat(none.reachable()).isEmpty();
        assertThat(none.rewrite(SOURCES)).isEqualTo(SOURCES);
    }

    @Test
    void onlyTheLinesUnderThePackagersRepositoriesMustUpdate() {
        var prefix = "http://127.0.0.1:41234/repositories/";
        assertThat(SbuildSetup.isUnder("deb [] http://127.0.0.1:41234/repositories/test bookworm-test-unstable main", prefix)).isTrue();
        assertThat(SbuildSetup.isUnder("deb [arch=amd64] http://127.0.0.1:41234/repositories/test b main", prefix)).isTrue();
        assertThat(SbuildSetup.isUnder("deb http://127.0.0.1:41234/repositories/test b main", prefix)).isTrue();
        assertThat(SbuildSetup.isUnder("deb http://127.0.0.1:41234/repositoriesx/test b main", prefix)).isFalse();
        assertThat(SbuildSetup.isUnder("deb http://deb.debian.org/debian/ bookworm main", prefix)).isFalse();
        assertThat(SbuildSetup.isUnder("deb http://127.0.0.1:41234/repositories/test b main", "")).isFalse();
    }
}
