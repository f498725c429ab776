package org.minibuildd.builder.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.stereotype.Component;

/**
 * Builds share a chroot (read), while prepare, upgrade and remove change its base (write): overlayfs does not
 * allow changing the lower directory under mounted snapshot sessions, so an upgrade waits for running builds and
 * builds wait for the upgrade. Fair, so a steady stream of builds cannot starve the daily upgrade.
 */
@Component
public class ChrootLocks {

    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    public ReadWriteLock of(String schrootName) {
        return locks.computeIfAbsent(schrootName, n -> new ReentrantReadWriteLock(true));
    }
}
