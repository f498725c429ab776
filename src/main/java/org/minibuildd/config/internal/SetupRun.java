package org.minibuildd.config.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.LifecycleException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.internal.SetupArguments.Selection;

/**
 * One run through the objects a setup comes to: inspects each, updates and PCAs those selected, and reports them
 * all in the order visited. What the objects are is the {@link SetupExecutor}'s business.
 */
final class SetupRun {

    private final ConfigActions actions;
    private final Selection update;
    private final Selection pca;
    private final List<SetupReport.Instance> instances = new ArrayList<>();

    SetupRun(ConfigActions actions, Selection update, Selection pca) {
        this.actions = actions;
        this.update = update;
        this.pca = pca;
    }

    /**
     * @param status the object's lifecycle, or null for objects without one
     * @param write  creates the object, or brings an existing one in line with the setup
     */
    SetupReport.Instance visit(String type, String name, ObjectRef status, BooleanSupplier exists, Runnable write,
                               String note) {
        var hash = hash(type, name);
        var done = new ArrayList<String>();
        var notes = new ArrayList<String>();
        boolean present = exists.getAsBoolean();
        if (update.selects(hash)) {
            write.run();
            done.add(present ? "updated" : "created");
            present = true;
        }
        if (present && status != null && pca.selects(hash)) {
            try {
                actions.run(ConfigActions.Action.PCA, status);
                done.add("pca");
            } catch (LifecycleException e) {
                done.add("pca(failed)");
                notes.add(e.getMessage());
            }
        }
        if (!note.isBlank()) {
            notes.add(note);
        }
        var state = present && status != null ? actions.state(status) : null;
        var result = !present ? SetupReport.InstanceStatus.MISSING
                : state == null ? SetupReport.InstanceStatus.EXISTS
                : done.contains("pca(failed)") ? SetupReport.InstanceStatus.FAILED : SetupReport.InstanceStatus.of(state);
        var instance = new SetupReport.Instance(type, name, hash, List.copyOf(done), result,
                state == null ? "" : state.describe(), String.join("; ", notes));
        instances.add(instance);
        return instance;
    }

    /** An object the setup implies but does not create, because what it needs is not there. */
    void leftOut(String type, String name, String why) {
        instances.add(new SetupReport.Instance(type, name, hash(type, name), List.of(), SetupReport.InstanceStatus.MISSING,
                "", "left out: " + why));
    }

    List<SetupReport.Instance> instances() {
        return List.copyOf(instances);
    }

    /** Names an object across runs, as mini-buildd's identity hash does: the same object gives the same hash. */
    static String hash(String type, String name) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest((type + "(" + name + ")").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
