package org.minibuildd.builder.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

import org.springframework.stereotype.Component;

/**
 * Builds share a chroot (read), while prepare, upgrade and remove change its base (write): overlayfs does not
 * allow changing the lower directory under mounted snapshot sessions, so an upgrade waits for running builds and
 * builds wait for the upgrade. Stamped locks, because a build takes its lock in one thread and a queue worker may
 * release it in another.
 */
@Component
public class ChrootLocks {

    private final Map<String, StampedLock> locks = new ConcurrentHashMap<>();

    public StampedLock of(String schrootName) {
        return locks.computeIfAbsent(schrootName, n -> new StampedLock());
    }
}
