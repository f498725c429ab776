package org.minibuildd.config;

import java.util.Map;

/**
 * A status action that could not be done, with the reason a user can act on. Where a check failed, the failed
 * states that must be kept although the action's transaction is rolled back travel with it.
 */
public class LifecycleException extends RuntimeException {

    private final transient ObjectRef object;
    private final transient Map<ObjectRef, StatusState> statesToKeep;

    public LifecycleException(ObjectRef object, String message) {
        this(object, message, Map.of(), null);
    }

    public LifecycleException(ObjectRef object, String message, Map<ObjectRef, StatusState> statesToKeep, Throwable cause) {
        super(object + ": " + message, cause);
        this.object = object;
        this.statesToKeep = Map.copyOf(statesToKeep);
    }

    public ObjectRef object() {
        return object;
    }

    public Map<ObjectRef, StatusState> statesToKeep() {
        return statesToKeep;
    }
}
