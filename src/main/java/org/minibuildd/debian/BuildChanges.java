package org.minibuildd.debian;

import java.util.List;

/**
 * A build request or a build result: one architecture's build of an upload, carried by a {@code .changes} that
 * lists its payload tar. What both share on the wire is named here once.
 */
public sealed interface BuildChanges permits BuildRequest, BuildResult {

    UploadKey key();

    String architecture();

    /** Which of the two this is, and so how its files are named. */
    BuildChangesName kind();

    /** The {@code .changes} fields (unsigned) listing {@code files}, in the reference's order. */
    Paragraph toParagraph(List<FileEntry> files);

    default String changesName() {
        return kind().changesName(key(), architecture());
    }

    default String tarName() {
        return kind().tarName(key(), architecture());
    }
}
