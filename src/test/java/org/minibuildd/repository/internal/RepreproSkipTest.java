package org.minibuildd.repository.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which of reprepro's "Skipping inclusion" warnings an install done again may pass over. */
class RepreproSkipTest {

    @Test
    void theSameVersionAlreadyThereIsInPlace() {
        assertThat(Reprepro.sameVersionThere("Skipping inclusion of 'crashy' '1.1-1~test12+1' in 'bookworm-test-unstable|main|source',"
                + " as it has already '1.1-1~test12+1'.")).isTrue();
        assertThat(Reprepro.sameVersionThere("Skipping inclusion of 'hello' '1:2.0-1' in 'bookworm-test-unstable|main|amd64',"
                + " as it has already '1:2.0-1'.")).isTrue();
    }

    @Test
    void anotherVersionThereIsAPackageLeftOut() {
        assertThat(Reprepro.sameVersionThere("Skipping inclusion of 'refused' '1.0' in 'bookworm-test-unstable|main|source',"
                + " as it has already '2.0'.")).isFalse();
        assertThat(Reprepro.sameVersionThere("Skipping inclusion of something else entirely")).isFalse();
    }
}
