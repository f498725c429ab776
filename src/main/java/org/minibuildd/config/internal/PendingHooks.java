package org.minibuildd.config.internal;

import java.util.List;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.StatusHooks;

/**
 * Chroots get their data on disk from the builder feature. Until it exists, they go through the lifecycle with
 * their dependencies checked but nothing created; {@link #PENDING} says so wherever their status is shown.
 */
abstract class PendingHooks implements StatusHooks {

    static final String PENDING = "pending: its data on disk is created once this instance has the feature for it";

    @Override
    public void prepare(ObjectRef object) {
    }

    @Override
    public void check(ObjectRef object) {
    }

    @Override
    public void remove(ObjectRef object) {
    }

    @org.springframework.stereotype.Component
    static class Chroot extends PendingHooks {
        private final SourceStore sources;

        Chroot(SourceStore sources) {
            this.sources = sources;
        }

        @Override
        public ObjectType type() {
            return ObjectType.CHROOT;
        }

        @Override
        public List<ObjectRef> dependencies(ObjectRef object) {
            return sources.byCodename(ObjectKeys.chroot(object).codename()).map(SourceRef::object).stream().toList();
        }
    }
}
