package org.minibuildd.config;

import java.util.List;

/** What the lifecycle needs from the objects it drives: their states, dependencies and data hooks. */
public interface StatusObjects {

    StatusState state(ObjectRef object);

    void save(ObjectRef object, StatusState state);

    /** Objects this one needs: they are prepared, checked and activated before it. */
    List<ObjectRef> dependencies(ObjectRef object);

    /** Creates the object's data on the system (a repository on disk, a fetched Release, an imported key). */
    void prepare(ObjectRef object);

    /** Brings prepared data in line with a changed configuration. */
    void sync(ObjectRef object);

    /** Verifies the data; throws with the reason when it is not fit for use. */
    void check(ObjectRef object);

    /** Removes the object's data from the system. */
    void remove(ObjectRef object);
}
