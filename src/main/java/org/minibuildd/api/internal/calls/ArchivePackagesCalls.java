package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiException;
import org.minibuildd.packager.ArchivePackageUpload;
import org.minibuildd.packager.PortException;

/** What keyring_packages and test_packages share: mini-buildd's result shape, and refusals as port's. */
final class ArchivePackagesCalls {

    /** The service call; it may wait for builds, so it may be interrupted. */
    interface Uploads {
        List<ArchivePackageUpload> run() throws InterruptedException;
    }

    private ArchivePackagesCalls() {
    }

    static Object call(Uploads uploads) {
        try {
            return uploads.run().stream().map(ArchivePackageUpload::toJson).toList();
        } catch (PortException e) {
            throw PortOptions.refusal(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Service Unavailable", "interrupted while waiting for the packages' results");
        }
    }
}
