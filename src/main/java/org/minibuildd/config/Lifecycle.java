package org.minibuildd.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status lifecycle of configuration objects, with mini-buildd's rules:
 * <ul>
 * <li>prepare creates the data (or syncs it after a change) — dependencies first;</li>
 * <li>check verifies prepared, unchanged objects — dependencies first, and a dependency of an (about to be) active
 * object must itself be active; a failed check of an active object deactivates it until a check succeeds again;</li>
 * <li>activate needs a successful check (after a failed or missing one it marks the object to activate itself on
 * the next good check);</li>
 * <li>deactivate and remove never cascade; editing an object marks it changed and deactivates it.</li>
 * </ul>
 * Pure logic over {@link StatusObjects}: persistence and data hooks are the caller's.
 */
public final class Lifecycle {

    private final StatusObjects objects;
    private final Clock clock;

    public Lifecycle(StatusObjects objects, Clock clock) {
        this.objects = objects;
        this.clock = clock;
    }

    public void prepare(ObjectRef object) {
        var state = objects.state(object);
        if (!state.isPrepared()) {
            objects.dependencies(object).forEach(this::prepare);
            objects.prepare(object);
            objects.save(object, new StatusState(Status.PREPARED, CheckState.UNCHECKED));
        } else if (state.isChanged()) {
            objects.dependencies(object).forEach(this::prepare);
            objects.sync(object);
            objects.save(object, new StatusState(Status.PREPARED, CheckState.UNCHECKED));
        }
    }

    /** Checks the object; {@code force} checks again even when it was checked before. */
    public void check(ObjectRef object, boolean force) {
        var failed = new LinkedHashMap<ObjectRef, StatusState>();
        check(object, force, false, failed);
    }

    private void check(ObjectRef object, boolean force, boolean needsActivation, Map<ObjectRef, StatusState> failed) {
        var state = objects.state(object);
        if (!state.isPrepared() || state.isChanged()) {
            throw new LifecycleException(object, "cannot check a removed or changed object: prepare it first");
        }
        try {
            boolean dependentsActive = state.isActive() || state.check() instanceof CheckState.FailedWillReactivate;
            for (var dependency : objects.dependencies(object)) {
                check(dependency, force, dependentsActive, failed);
            }
            if (force || !state.check().isChecked()) {
                objects.check(object);
                var status = state.check() instanceof CheckState.FailedWillReactivate ? Status.ACTIVE : state.status();
                state = new StatusState(status, new CheckState.Checked(clock.instant()));
                objects.save(object, state);
            }
            if (needsActivation && !state.isActive()) {
                throw new LifecycleException(object, "not active, but an active object depends on it: activate it first");
            }
        } catch (RuntimeException e) {
            var current = objects.state(object);
            // An active object that fails its check stops being used, and comes back by itself when fixed.
            var after = current.isActive()
                    ? new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE)
                    : new StatusState(current.status(), current.check().rank() > CheckState.FAILED.rank()
                            && !current.check().isChecked() ? current.check() : CheckState.FAILED);
            objects.save(object, after);
            failed.put(object, after);
            if (e instanceof LifecycleException inner) {
                var what = inner.object().equals(object) ? reason(inner)
                        : "check of " + inner.object() + " failed: " + reason(inner);
                throw new LifecycleException(object, what, failed, e);
            }
            throw new LifecycleException(object, "check failed: " + reason(e), failed, e);
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof LifecycleException lifecycle) {
            var message = lifecycle.getMessage();
            var prefix = lifecycle.object() + ": ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public void activate(ObjectRef object) {
        var state = objects.state(object);
        if (state.isActive()) {
            return;
        }
        if (state.isPrepared() && state.check().isChecked()) {
            objects.dependencies(object).forEach(this::activate);
            objects.save(object, new StatusState(Status.ACTIVE, state.check()));
        } else if (state.isPrepared() && (state.check() instanceof CheckState.Failed
                || state.check() instanceof CheckState.Unchecked)) {
            objects.save(object, new StatusState(state.status(), CheckState.FAILED_WILL_REACTIVATE));
        } else {
            throw new LifecycleException(object, "cannot activate: prepare and check it first ("
                    + state.describe() + ")");
        }
    }

    public void deactivate(ObjectRef object) {
        var state = objects.state(object);
        var status = state.isActive() ? Status.PREPARED : state.status();
        var check = state.check() instanceof CheckState.FailedWillReactivate ? CheckState.FAILED : state.check();
        objects.save(object, new StatusState(status, check));
    }

    public void remove(ObjectRef object) {
        if (objects.state(object).isPrepared()) {
            objects.remove(object);
            objects.save(object, StatusState.REMOVED);
        }
    }

    /** Prepare, check, activate: the one-click way to put an object (and what it needs) into use. */
    public void pca(ObjectRef object) {
        prepare(object);
        var failed = new LinkedHashMap<ObjectRef, StatusState>();
        check(object, false, false, failed);
        activate(object);
    }

    /** After an edit: an active object stops being used until it is prepared and checked again. */
    public void markChanged(ObjectRef object) {
        var state = objects.state(object);
        if (!state.isPrepared()) {
            return;
        }
        objects.save(object, new StatusState(Status.PREPARED, CheckState.CHANGED));
    }
}
