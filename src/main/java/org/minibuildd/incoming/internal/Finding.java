package org.minibuildd.incoming.internal;

import java.util.List;

import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.UploadKind;

/** What one scan of the spool found about one upload (or one stray file). */
sealed interface Finding {

    /** Everything is there and matches: hand it over. */
    record Complete(CompleteUpload upload, List<SpoolFile> files) implements Finding {
    }

    /**
     * Refused: move {@code files} (the {@code .changes} last) to quarantine and report {@code reason}.
     *
     * @param name the {@code .changes}' name, or the stray file's
     */
    record Bad(UploadKind kind, String name, List<String> files, String reason) implements Finding {
    }

    /** A {@code .changes} whose files are not all there yet. */
    record Waiting(String changesName, List<String> missing) implements Finding {
    }
}
