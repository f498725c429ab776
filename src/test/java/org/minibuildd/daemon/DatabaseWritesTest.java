package org.minibuildd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class DatabaseWritesTest {

    @Test
    void aCachedAnswerIsLoadedAgainOnlyAfterAWrite() {
        var writes = new DatabaseWrites();
        var loads = new AtomicInteger();
        var cached = writes.cached(loads::incrementAndGet);
        assertThat(cached.get()).isEqualTo(1);
        assertThat(cached.get()).isEqualTo(1);
        writes.written();
        assertThat(cached.get()).isEqualTo(2);
        assertThat(cached.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aWriteDuringTheLoadMakesTheNextGetLoadAgain() {
        var writes = new DatabaseWrites();
        var loads = new AtomicInteger();
        var cached = writes.cached(() -> {
            int n = loads.incrementAndGet();
            if (n == 1) {
                writes.written(); // committed while the first load read the old rows
            }
            return n;
        });
        assertThat(cached.get()).isEqualTo(1);
        assertThat(cached.get()).isEqualTo(2);
        assertThat(cached.get()).isEqualTo(2);
    }
}
