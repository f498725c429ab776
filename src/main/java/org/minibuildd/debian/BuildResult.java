package org.minibuildd.debian;

import java.util.List;

import static org.minibuildd.debian.MiniBuilddField.*;

/**
 * A build result: what a builder sends back to the request's {@code X-Mini-Buildd-Upload-To} (the reference's
 * {@code wire/buildresult.changes}), signed by the builder, listing the build log and a tar with sbuild's
 * {@code .changes}, {@code .buildinfo} and {@code .deb}s, and carrying sbuild's summary. Read and written only
 * through {@link #of(Changes)} and {@link #toParagraph(List)}.
 *
 * @param failure why the build failed when the builder knows it in plain words (e.g. apt could not fetch the
 *                packager's repository); empty when not. Not one of the reference's fields: written only when set.
 */
public record BuildResult(String distribution, UploadKey key, String architecture, String builder, String buildlog,
                          String buildlogInstalled, String uploadTo, Summary summary, String failure) implements BuildChanges {

    /**
     * sbuild's summary figures and verdicts, in sbuild's words ({@code successful}, {@code failed}; {@code pass},
     * {@code warn}, …); empty when sbuild did not say. autopkgtest and piuparts are written only when they ran.
     */
    public record Summary(String autopkgtest, String buildSpace, String buildTime, String lintian, String packageTime,
                          String piuparts, String space, String status) {

        /** A build that never got to sbuild's summary. */
        public static final Summary FAILED = new Summary("", "", "", "", "", "", "", "failed");

        public boolean successful() {
            return "successful".equals(status);
        }
    }

    @Override
    public BuildChangesName kind() {
        return BuildChangesName.BUILD_RESULT;
    }

    /** Reads the result's fields from its {@code .changes}; absent fields read as empty. */
    public static BuildResult of(Changes changes) {
        return new BuildResult(changes.distribution(), BuildChangesFields.key(changes), changes.architectures().getFirst(),
                BuildChangesFields.text(changes, BUILDER, ""), BuildChangesFields.text(changes, BUILDLOG, ""),
                BuildChangesFields.text(changes, BUILDLOG_INSTALLED, ""), BuildChangesFields.text(changes, UPLOAD_TO, ""),
                new Summary(BuildChangesFields.text(changes, SBUILD_AUTOPKGTEST, ""), BuildChangesFields.text(changes, SBUILD_BUILD_SPACE, ""),
                        BuildChangesFields.text(changes, SBUILD_BUILD_TIME, ""), BuildChangesFields.text(changes, SBUILD_LINTIAN, ""),
                        BuildChangesFields.text(changes, SBUILD_PACKAGE_TIME, ""), BuildChangesFields.text(changes, SBUILD_PIUPARTS, ""),
                        BuildChangesFields.text(changes, SBUILD_SPACE, ""), BuildChangesFields.text(changes, SBUILD_STATUS, "")),
                BuildChangesFields.text(changes, FAILURE, ""));
    }

    /** Parses a build result's {@code .changes} text (signed or not; the signature is not checked here). */
    public static BuildResult parse(String text) {
        return of(Changes.parseInternal(text));
    }

    /** The {@code .changes} fields (unsigned) listing {@code files} (the log, then the tar), in the reference's order. */
    @Override
    public Paragraph toParagraph(List<FileEntry> files) {
        var writer = new BuildChangesFields.Writer(distribution, key, architecture)
                .add(BUILDER, builder)
                .add(BUILDLOG, buildlog)
                .add(BUILDLOG_INSTALLED, buildlogInstalled)
                .add(UPLOAD_TO, uploadTo)
                .files(files);
        if (!summary.autopkgtest().isEmpty()) {
            writer.add(SBUILD_AUTOPKGTEST, summary.autopkgtest());
        }
        writer.add(SBUILD_BUILD_SPACE, summary.buildSpace())
                .add(SBUILD_BUILD_TIME, summary.buildTime())
                .add(SBUILD_LINTIAN, summary.lintian())
                .add(SBUILD_PACKAGE_TIME, summary.packageTime());
        if (!summary.piuparts().isEmpty()) {
            writer.add(SBUILD_PIUPARTS, summary.piuparts());
        }
        writer.add(SBUILD_SPACE, summary.space())
                .add(SBUILD_STATUS, summary.status());
        if (!failure.isEmpty()) {
            writer.add(FAILURE, failure);
        }
        return writer.paragraph();
    }
}
