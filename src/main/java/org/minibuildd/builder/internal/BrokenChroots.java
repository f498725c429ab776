package org.minibuildd.builder.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.minibuildd.config.ChrootConfigService;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.LifecycleException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.daemon.DatabaseWrites;
import org.springframework.stereotype.Component;

/**
 * What the build queue does when a build could not even get its session ({@link SessionFailure}): the chroot is
 * checked through its configuration status, as an administrator would. A failed check takes it out of use (status
 * {@code Prepared}, reactivating by itself on the next good check; its status message says why, {@code status} stops
 * listing it, so packagers stop sending builds for it), and builds for chroots out of use wait in the queue.
 */
@Component
class BrokenChroots {

    /** What the check found. */
    sealed interface Verdict {
        String why();
    }

    /** The chroot failed its check: the build waits for it to work again. */
    record Broken(String why) implements Verdict { }

    /** The chroot checks fine now (the failure passed): the build is tried again a little later. */
    record Works(String why) implements Verdict { }

    /** This builder has no such chroot at all (a request it should never have got): the build cannot ever run. */
    record Unknown(String why) implements Verdict { }

    private final ChrootConfigService chroots;
    private final ConfigActions actions;
    /** Read again only after a database write: the queue asks at every turn, a chroot's status rarely changes. */
    private final Supplier<Set<String>> held;

    BrokenChroots(ChrootConfigService chroots, ConfigActions actions, DatabaseWrites writes) {
        this.chroots = chroots;
        this.actions = actions;
        this.held = writes.cached(() -> {
            var keys = new HashSet<String>();
            chroots.all().forEach(chroot -> keys.add(chroot.key()));
            chroots.activeKeys().forEach(keys::remove);
            return Set.copyOf(keys);
        });
    }

    /** Chroots ({@code <codename>:<arch>}) configured here but not in use now: their builds wait. */
    Set<String> held() {
        return held.get();
    }

    Verdict check(String codename, String architecture, String failure) {
        var key = codename + ":" + architecture;
        if (chroots.chroot(codename, architecture).isEmpty()) {
            return new Unknown(failure + "; this builder has no chroot " + key);
        }
        try {
            actions.run(ConfigActions.Action.CHECK, new ObjectRef(ObjectType.CHROOT, key));
            return new Works(failure + "; the chroot " + key + " checks fine now: the build is tried again shortly");
        } catch (LifecycleException e) {
            return new Broken(failure + "; the chroot " + key + " is out of use until it works again (" + e.getMessage()
                    + "): the build waits for it");
        }
    }
}
