package org.minibuildd.api.internal.calls;

import org.minibuildd.repository.Snapshots;
import org.springframework.stereotype.Component;

/** {@code snapshot_create}: freezes a distribution as it is now under a name (reprepro's gensnapshot). */
@Component
final class SnapshotCreateCall extends SnapshotChangeCall {

    SnapshotCreateCall(Snapshots snapshots) {
        super("snapshot_create", "Create a repository snapshot", snapshots::create);
    }
}
