package org.minibuildd.builder;

import java.nio.file.Path;
import java.time.Duration;

import org.minibuildd.debian.CheckMode;

/**
 * One sbuild run, as a build request describes it.
 *
 * @param dsc                 the source package; its files lie beside it, and the results are written there too
 * @param codename            chooses the chroot ({@code <schroot prefix>-<codename>-<arch>}, see {@link Sbuild})
 * @param distribution        the distribution string for the .changes, e.g. {@code bookworm-test-unstable}
 * @param archAll             build the {@code Architecture: all} packages too (the distribution's flagged arch)
 * @param buildDepResolver    sbuild's resolver: {@code apt} or {@code aptitude} (…)
 * @param aptSources          the complete sources.list of the build ({@code apt_sources.list} of the request)
 * @param aptPreferences      apt preferences of the build ({@code apt_preferences}); empty for none
 * @param aptKeys             armored keys apt needs for those sources ({@code apt_keys}); empty for none
 * @param lintianMode         DISABLED skips lintian; WARNFAIL makes warnings fail it, ERRFAIL and IGNORE errors
 * @param lintianExtraOptions e.g. {@code --info}
 * @param debBuildOptions     DEB_BUILD_OPTIONS; empty for none
 * @param debBuildProfiles    build profiles, space or comma separated; empty for none
 * @param addDepends          extra build dependencies, comma separated; empty for none
 * @param autopkgtestMode     DISABLED skips the package's autopkgtests; otherwise they run after the build, in a
 *                            session of the same chroot
 * @param piuparts            whether and how piuparts runs ({@link Piuparts})
 * @param timeout             the whole build is killed after this
 * @param ownRepository       the URL (prefix) of the requesting packager's repositories as the build reaches them: the
 *                            build fails when apt cannot fetch a line of {@code aptSources} under it (what the package
 *                            needs from there would be missing); empty when no line is the packager's own
 */
public record SbuildJob(Path dsc, String codename, String architecture, String distribution, boolean archAll,
                        String buildDepResolver, String aptSources, String aptPreferences, String aptKeys,
                        CheckMode lintianMode, String lintianExtraOptions, String debBuildOptions,
                        String debBuildProfiles, String addDepends, CheckMode autopkgtestMode, Piuparts piuparts, Duration timeout,
                        String ownRepository) {

    /**
     * piuparts for the build.
     *
     * @param mode         DISABLED skips piuparts; otherwise it installs, removes and purges the built packages in a
     *                     session of the same chroot, run as root through {@code rootArg}
     * @param extraOptions the distribution's extra piuparts options; empty for none
     * @param rootArg      the command that makes piuparts root, e.g. {@code sudo}; empty when already root
     */
    public record Piuparts(CheckMode mode, String extraOptions, String rootArg) {
        public static final Piuparts DISABLED = new Piuparts(CheckMode.DISABLED, "", "sudo");
    }

    /** A job with mini-buildd's defaults: apt resolver, no extra apt data, lintian ERRFAIL with --info, 4 hours. */
    public static SbuildJob of(Path dsc, String codename, String architecture, String distribution, String aptSources) {
        return new SbuildJob(dsc, codename, architecture, distribution, false, "apt", aptSources, "", "",
                CheckMode.ERRFAIL, "--info", "", "", "", CheckMode.DISABLED, Piuparts.DISABLED, Duration.ofHours(4), "");
    }

    public SbuildJob withArchAll(boolean value) {
        return new SbuildJob(dsc, codename, architecture, distribution, value, buildDepResolver, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                piuparts, timeout, ownRepository);
    }

    public SbuildJob withResolver(String value) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, value, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                piuparts, timeout, ownRepository);
    }

    public SbuildJob withApt(String preferences, String keys) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, preferences,
                keys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                piuparts, timeout, ownRepository);
    }

    public SbuildJob withLintian(CheckMode mode, String extraOptions) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, aptPreferences,
                aptKeys, mode, extraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                piuparts, timeout, ownRepository);
    }

    public SbuildJob withBuildOptions(String options, String profiles, String depends) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, options, profiles, depends, autopkgtestMode,
                piuparts, timeout, ownRepository);
    }

    public SbuildJob withAutopkgtest(CheckMode mode) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, mode,
                piuparts, timeout, ownRepository);
    }

    public SbuildJob withPiuparts(CheckMode mode, String extraOptions, String rootArg) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                new Piuparts(mode, extraOptions, rootArg), timeout, ownRepository);
    }

    public SbuildJob withTimeout(Duration value) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                piuparts, value, ownRepository);
    }

    public SbuildJob withOwnRepository(String value) {
        return new SbuildJob(dsc, codename, architecture, distribution, archAll, buildDepResolver, aptSources, aptPreferences,
                aptKeys, lintianMode, lintianExtraOptions, debBuildOptions, debBuildProfiles, addDepends, autopkgtestMode,
                piuparts, timeout, value);
    }

    public Path buildDir() {
        return dsc.toAbsolutePath().getParent();
    }
}
