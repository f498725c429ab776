package org.minibuildd.config;

import java.util.List;

/**
 * What one type of object does on the system when it is prepared, checked or removed, and which objects it
 * needs. Feature modules contribute these as beans (the repository module for Repository, the builder for Chroot),
 * so the lifecycle stays in one place.
 */
public interface StatusHooks {

    ObjectType type();

    default List<ObjectRef> dependencies(ObjectRef object) {
        return List.of();
    }

    void prepare(ObjectRef object);

    /** After a change: by default remove and prepare again, as mini-buildd does. */
    default void sync(ObjectRef object) {
        remove(object);
        prepare(object);
    }

    void check(ObjectRef object);

    void remove(ObjectRef object);
}
