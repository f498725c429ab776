package org.minibuildd.api.internal.calls;

import org.minibuildd.repository.Snapshots;
import org.springframework.stereotype.Component;

/** {@code snapshot_delete}: removes a snapshot; what only it held leaves the pool. */
@Component
final class SnapshotDeleteCall extends SnapshotChangeCall {

    SnapshotDeleteCall(Snapshots snapshots) {
        super("snapshot_delete", "Delete a repository snapshot", snapshots::delete);
    }
}
