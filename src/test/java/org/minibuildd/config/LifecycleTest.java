package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** mini-buildd's status rules, on an in-memory set of objects (the hooks only record what was asked of them). */
class LifecycleTest {

    private static final ObjectRef KEY = new ObjectRef(ObjectType.APT_KEY, "6ED0E7B82643E131");
    private static final ObjectRef SOURCE = new ObjectRef(ObjectType.SOURCE, "Debian:bookworm");
    private static final ObjectRef REPO = new ObjectRef(ObjectType.REPOSITORY, "test");

    private final Objects objects = new Objects();
    private final Lifecycle lifecycle = new Lifecycle(objects, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void prepareCreatesDataOfDependenciesFirst() {
        lifecycle.prepare(REPO);
        assertThat(objects.calls).containsExactly("prepare " + KEY, "prepare " + SOURCE, "prepare " + REPO);
        assertThat(objects.state(REPO)).isEqualTo(new StatusState(Status.PREPARED, CheckState.UNCHECKED));
    }

    @Test
    void prepareOfAPreparedUnchangedObjectDoesNothing() {
        lifecycle.prepare(KEY);
        objects.calls.clear();
        lifecycle.prepare(KEY);
        assertThat(objects.calls).isEmpty();
    }

    @Test
    void aChangedObjectIsSyncedNotPreparedAgain() {
        lifecycle.pca(KEY);
        lifecycle.markChanged(KEY);
        assertThat(objects.state(KEY)).isEqualTo(new StatusState(Status.PREPARED, CheckState.CHANGED));
        objects.calls.clear();
        lifecycle.prepare(KEY);
        assertThat(objects.calls).containsExactly("sync " + KEY);
        assertThat(objects.state(KEY).check()).isEqualTo(CheckState.UNCHECKED);
    }

    @Test
    void checkNeedsAPreparedUnchangedObject() {
        assertThatThrownBy(() -> lifecycle.check(KEY, false)).isInstanceOf(LifecycleException.class)
                .hasMessage("AptKey \"6ED0E7B82643E131\": cannot check a removed or changed object: prepare it first");
        lifecycle.prepare(KEY);
        lifecycle.markChanged(KEY);
        assertThatThrownBy(() -> lifecycle.check(KEY, false)).hasMessageContaining("prepare it first");
    }

    @Test
    void checkRunsOnceUnlessForced() {
        lifecycle.prepare(KEY);
        lifecycle.check(KEY, false);
        lifecycle.check(KEY, false);
        assertThat(objects.calls).filteredOn(c -> c.startsWith("check")).hasSize(1);
        lifecycle.check(KEY, true);
        assertThat(objects.calls).filteredOn(c -> c.startsWith("check")).hasSize(2);
        assertThat(objects.state(KEY).check()).isEqualTo(new CheckState.Checked(Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void pcaPutsTheObjectAndEverythingItNeedsIntoUse() {
        lifecycle.pca(REPO);
        assertThat(List.of(KEY, SOURCE, REPO)).allSatisfy(o -> assertThat(objects.state(o).isActive()).as(o.toString()).isTrue());
    }

    @Test
    void activateWithoutSuccessfulCheckWaitsForTheNextGoodCheck() {
        lifecycle.prepare(KEY);
        lifecycle.activate(KEY);
        assertThat(objects.state(KEY)).isEqualTo(new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE));
        lifecycle.check(KEY, false);
        assertThat(objects.state(KEY).isActive()).isTrue();
    }

    @Test
    void activateOfARemovedObjectIsRefused() {
        assertThatThrownBy(() -> lifecycle.activate(SOURCE)).isInstanceOf(LifecycleException.class)
                .hasMessage("Source \"Debian:bookworm\": cannot activate: prepare and check it first (Removed)");
    }

    @Test
    void aFailedCheckDeactivatesAnActiveObjectUntilItIsFixed() {
        lifecycle.pca(SOURCE);
        objects.failing.add(SOURCE);
        assertThatThrownBy(() -> lifecycle.check(SOURCE, true))
                .isInstanceOfSatisfying(LifecycleException.class, e -> {
                    assertThat(e).hasMessage("Source \"Debian:bookworm\": check failed: Release signature does not verify");
                    assertThat(e.statesToKeep()).containsEntry(SOURCE, new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE));
                });
        assertThat(objects.state(SOURCE)).isEqualTo(new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE));

        objects.failing.clear();
        lifecycle.check(SOURCE, true);
        assertThat(objects.state(SOURCE).isActive()).as("reactivated by the good check").isTrue();
    }

    @Test
    void aFailedCheckOfAPreparedObjectMarksItFailed() {
        lifecycle.prepare(KEY);
        objects.failing.add(KEY);
        assertThatThrownBy(() -> lifecycle.check(KEY, false)).isInstanceOf(LifecycleException.class);
        assertThat(objects.state(KEY)).isEqualTo(new StatusState(Status.PREPARED, CheckState.FAILED));
    }

    @Test
    void aFailingDependencyFailsTheCheckAndNamesTheDependency() {
        lifecycle.prepare(REPO);
        objects.failing.add(KEY);
        assertThatThrownBy(() -> lifecycle.check(REPO, false))
                .isInstanceOfSatisfying(LifecycleException.class, e -> {
                    assertThat(e).hasMessageStartingWith("Repository \"test\": check of Source \"Debian:bookworm\" failed:");
                    assertThat(e.statesToKeep()).containsOnlyKeys(KEY, SOURCE, REPO);
                });
        assertThat(objects.state(REPO).check()).isEqualTo(CheckState.FAILED);
    }

    @Test
    void anActiveObjectNeedsActiveDependencies() {
        lifecycle.pca(REPO);
        lifecycle.deactivate(SOURCE);
        assertThatThrownBy(() -> lifecycle.check(REPO, true))
                .hasMessageContaining("Source \"Debian:bookworm\" failed: not active, but an active object depends on it");
        assertThat(objects.state(REPO)).isEqualTo(new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE));
    }

    @Test
    void deactivateDoesNotCascadeAndEndsAPendingReactivation() {
        lifecycle.pca(REPO);
        lifecycle.deactivate(REPO);
        assertThat(objects.state(REPO).status()).isEqualTo(Status.PREPARED);
        assertThat(objects.state(SOURCE).isActive()).isTrue();

        lifecycle.prepare(KEY);
        objects.state.put(KEY, new StatusState(Status.PREPARED, CheckState.FAILED_WILL_REACTIVATE));
        lifecycle.deactivate(KEY);
        assertThat(objects.state(KEY).check()).isEqualTo(CheckState.FAILED);
    }

    @Test
    void removeDeletesTheDataOnlyOfPreparedObjects() {
        lifecycle.remove(KEY);
        assertThat(objects.calls).isEmpty();
        lifecycle.pca(KEY);
        lifecycle.remove(KEY);
        assertThat(objects.calls).endsWith("remove " + KEY);
        assertThat(objects.state(KEY)).isEqualTo(StatusState.REMOVED);
    }

    @Test
    void editingAnActiveObjectDeactivatesIt() {
        lifecycle.pca(KEY);
        lifecycle.markChanged(KEY);
        assertThat(objects.state(KEY).isActive()).isFalse();
        assertThat(objects.state(KEY).describe()).isEqualTo("Prepared, Changed: prepare again");
    }

    /** Repository → Source → AptKey. */
    private static final class Objects implements StatusObjects {
        final Map<ObjectRef, StatusState> state = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final Set<ObjectRef> failing = new HashSet<>();

        public StatusState state(ObjectRef o) { return state.getOrDefault(o, StatusState.REMOVED); }
        public void save(ObjectRef o, StatusState s) { state.put(o, s); }
        public List<ObjectRef> dependencies(ObjectRef o) {
            return o.equals(REPO) ? List.of(SOURCE) : o.equals(SOURCE) ? List.of(KEY) : List.of();
        }
        public void prepare(ObjectRef o) { calls.add("prepare " + o); }
        public void sync(ObjectRef o) { calls.add("sync " + o); }
        public void check(ObjectRef o) {
            calls.add("check " + o);
            if (failing.contains(o)) {
                throw new IllegalStateException("Release signature does not verify");
            }
        }
        public void remove(ObjectRef o) { calls.add("remove " + o); }
    }
}
