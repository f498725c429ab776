package org.minibuildd.config;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.minibuildd.config.internal.StatusStore;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the status actions on configuration objects, one transaction per action: either the whole chain
 * (dependencies included) is done, or nothing is — except the failed check states, which are kept so the user
 * sees what failed.
 */
@Service
public class ConfigActions {

    private static final Logger log = LoggerFactory.getLogger(ConfigActions.class);

    public enum Action { PREPARE, CHECK, ACTIVATE, DEACTIVATE, REMOVE, PCA }

    private final StatusStore store;
    private final TransactionTemplate transactions;
    private final ObjectProvider<StatusHooks> hooks;
    private volatile Lifecycle lifecycle;

    /**
     * The hooks are looked up on first use: feature modules' hooks use services that themselves show states
     * through this class.
     */
    ConfigActions(StatusStore store, TransactionTemplate transactions, ObjectProvider<StatusHooks> hooks) {
        this.store = store;
        this.transactions = transactions;
        this.hooks = hooks;
    }

    private Lifecycle lifecycle() {
        var current = lifecycle;
        if (current == null) {
            var byType = new EnumMap<ObjectType, StatusHooks>(ObjectType.class);
            hooks.orderedStream().forEach(h -> {
                if (byType.put(h.type(), h) != null) {
                    throw new IllegalStateException("two hooks manage " + h.type().label() + " objects");
                }
            });
            current = new Lifecycle(new Objects(store, byType), Clock.systemUTC());
            lifecycle = current;
        }
        return current;
    }

    public StatusState state(ObjectRef object) {
        return store.state(object);
    }

    /** The outcome of the last action on the object, for the UI. */
    public String lastMessage(ObjectRef object) {
        return store.message(object);
    }

    public void run(Action action, ObjectRef object) {
        Consumer<ObjectRef> step = switch (action) {
            case PREPARE -> lifecycle()::prepare;
            case CHECK -> o -> lifecycle().check(o, true);
            case ACTIVATE -> lifecycle()::activate;
            case DEACTIVATE -> lifecycle()::deactivate;
            case REMOVE -> lifecycle()::remove;
            case PCA -> lifecycle()::pca;
        };
        var name = action.name().toLowerCase(java.util.Locale.ROOT);
        try {
            transactions.executeWithoutResult(tx -> {
                step.accept(object);
                store.message(object, name + " succeeded");
            });
            log.info("{} {} succeeded", name, object);
        } catch (LifecycleException e) {
            keepFailedStates(e.statesToKeep(), object, name + " failed: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            var failure = new LifecycleException(object, name + " failed: " + reason(e), Map.of(), e);
            keepFailedStates(Map.of(), object, failure.getMessage());
            throw failure;
        }
    }

    /** Marks an edited object changed (and so no longer active) in the caller's transaction. */
    public void markChanged(ObjectRef object) {
        lifecycle().markChanged(object);
    }

    private void keepFailedStates(Map<ObjectRef, StatusState> states, ObjectRef object, String message) {
        log.warn(message);
        transactions.executeWithoutResult(tx -> {
            states.forEach(store::save);
            store.message(object, message);
        });
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Lifecycle's view: states from the database, data hooks from the feature that owns the type. */
    private record Objects(StatusStore store, Map<ObjectType, StatusHooks> hooks) implements StatusObjects {

        private StatusHooks of(ObjectRef object) {
            var hook = hooks.get(object.type());
            if (hook == null) {
                throw new LifecycleException(object, "nothing on this instance manages " + object.type().label()
                        + " objects yet");
            }
            return hook;
        }

        public StatusState state(ObjectRef object) { return store.state(object); }
        public void save(ObjectRef object, StatusState state) { store.save(object, state); }
        public List<ObjectRef> dependencies(ObjectRef object) { return of(object).dependencies(object); }
        public void prepare(ObjectRef object) { of(object).prepare(object); }
        public void sync(ObjectRef object) { of(object).sync(object); }
        public void check(ObjectRef object) { of(object).check(object); }
        public void remove(ObjectRef object) { of(object).remove(object); }
    }
}
