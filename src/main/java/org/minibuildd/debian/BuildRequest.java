package org.minibuildd.debian;

import java.util.List;

import static org.minibuildd.debian.MiniBuilddField.*;

/**
 * A build request: one architecture's build of an accepted upload, as a packager sends it to a builder (the
 * reference's {@code wire/buildrequest.changes}). It is signed by the packager and lists one tar with the source
 * package and the {@code .config/} files the builder needs; this value holds the fields, the {@code .changes}
 * is only ever read and written through {@link #of(Changes)} and {@link #toParagraph(List)}.
 *
 * @param uploadTo          the packager's incoming, where the result goes ({@code ftp://host:port})
 * @param packager          the packager's URL
 * @param buildlog          the build log below the events and builds directories
 * @param builder           the builder's URL, which serves the live log
 * @param buildlogBuilding  the live build log's URL on the builder
 * @param buildlogInstalled the build log's URL on the packager once the result is in
 */
public record BuildRequest(String distribution, UploadKey key, String architecture, String uploadTo, String packager,
                           boolean archAll, Sbuild sbuild, Checks checks, String buildlog, String builder,
                           String buildlogBuilding, String buildlogInstalled) implements BuildChanges {

    /** How sbuild is set up: dependency resolver, config and setup blocks, and the build environment. */
    public record Sbuild(String buildDepResolver, String configBlocks, String setupBlocks, String debBuildOptions,
                         String debBuildProfiles, String addDepends) {
    }

    /** Which checks run and how they count; piuparts' options matter only when it runs. */
    public record Checks(CheckMode lintian, String lintianExtraOptions, CheckMode autopkgtest, CheckMode piuparts,
                         String piupartsExtraOptions, String piupartsRootArg) {
    }

    @Override
    public BuildChangesName kind() {
        return BuildChangesName.BUILD_REQUEST;
    }

    /** Reads the request's fields from its {@code .changes}; fields a packager left out read as the defaults. */
    public static BuildRequest of(Changes changes) {
        return new BuildRequest(changes.distribution(), BuildChangesFields.key(changes), changes.architectures().getFirst(),
                BuildChangesFields.text(changes, UPLOAD_TO, ""), BuildChangesFields.text(changes, PACKAGER, ""),
                "Yes".equalsIgnoreCase(BuildChangesFields.text(changes, ARCH_ALL, "No")),
                new Sbuild(BuildChangesFields.text(changes, BUILD_DEP_RESOLVER, "apt"),
                        BuildChangesFields.text(changes, SBUILD_CONFIG_BLOCKS, ""), BuildChangesFields.text(changes, SBUILD_SETUP_BLOCKS, ""),
                        BuildChangesFields.text(changes, DEB_BUILD_OPTIONS, ""), BuildChangesFields.text(changes, DEB_BUILD_PROFILES, ""),
                        BuildChangesFields.text(changes, ADD_DEPENDS, "")),
                new Checks(BuildChangesFields.mode(changes, LINTIAN_MODE, CheckMode.ERRFAIL),
                        BuildChangesFields.text(changes, LINTIAN_EXTRA_OPTIONS, ""),
                        BuildChangesFields.mode(changes, AUTOPKGTEST_MODE, CheckMode.DISABLED),
                        BuildChangesFields.mode(changes, PIUPARTS_MODE, CheckMode.DISABLED),
                        BuildChangesFields.text(changes, PIUPARTS_EXTRA_OPTIONS, ""), BuildChangesFields.text(changes, PIUPARTS_ROOT_ARG, "sudo")),
                BuildChangesFields.text(changes, BUILDLOG, ""), BuildChangesFields.text(changes, BUILDER, ""),
                BuildChangesFields.text(changes, BUILDLOG_BUILDING, ""), BuildChangesFields.text(changes, BUILDLOG_INSTALLED, ""));
    }

    /** Parses a build request's {@code .changes} text (signed or not; the signature is not checked here). */
    public static BuildRequest parse(String text) {
        return of(Changes.parseInternal(text));
    }

    /** The {@code .changes} fields (unsigned) listing {@code files}, in the reference's order. */
    @Override
    public Paragraph toParagraph(List<FileEntry> files) {
        var writer = new BuildChangesFields.Writer(distribution, key, architecture)
                .add(UPLOAD_TO, uploadTo)
                .add(PACKAGER, packager)
                .add(ARCH_ALL, archAll ? "Yes" : "No")
                .add(BUILD_DEP_RESOLVER, sbuild.buildDepResolver())
                .add(SBUILD_CONFIG_BLOCKS, sbuild.configBlocks())
                .add(SBUILD_SETUP_BLOCKS, sbuild.setupBlocks())
                .add(DEB_BUILD_OPTIONS, sbuild.debBuildOptions())
                .add(DEB_BUILD_PROFILES, sbuild.debBuildProfiles())
                .add(ADD_DEPENDS, sbuild.addDepends())
                .add(LINTIAN_MODE, checks.lintian().name())
                .add(LINTIAN_EXTRA_OPTIONS, checks.lintianExtraOptions())
                .add(AUTOPKGTEST_MODE, checks.autopkgtest().name())
                .add(PIUPARTS_MODE, checks.piuparts().name());
        if (checks.piuparts() != CheckMode.DISABLED) {
            // Only when piuparts runs, so a request without it has the reference's fields and no more.
            writer.add(PIUPARTS_EXTRA_OPTIONS, checks.piupartsExtraOptions()).add(PIUPARTS_ROOT_ARG, checks.piupartsRootArg());
        }
        return writer.add(BUILDLOG, buildlog)
                .add(BUILDER, builder)
                .add(BUILDLOG_BUILDING, buildlogBuilding)
                .add(BUILDLOG_INSTALLED, buildlogInstalled)
                .files(files)
                .paragraph();
    }
}
