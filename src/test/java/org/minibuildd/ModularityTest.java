package org.minibuildd;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries of ARCHITECTURE.md: no cycles, no reach into another module's internals. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(MiniBuilddApplication.class).verify();
    }
}
