package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.daemon.Home;
import org.minibuildd.debian.ChangelogEntry;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;

/**
 * Makes native source packages from {@link SourceTemplate}s with Debian's own tools, as mini-buildd does: the
 * files go to {@code package/} in a scratch directory under home, debchange writes the changelog (version: the
 * UTC time stamp {@code YYYYMMDDhhmmss}, so a newer package always has a greater version), and
 * {@code dpkg-source -b} builds the .dsc next to it.
 */
@org.springframework.stereotype.Component
public class TemplateSources {

    /** mini-buildd's version of made packages: the time it was made, to the second. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Home home;
    private final ProcessRunner runner;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    TemplateSources(Home home, ProcessRunner runner) {
        this(home, runner, Clock.systemUTC());
    }

    TemplateSources(Home home, ProcessRunner runner, Clock clock) {
        this.home = home;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * Makes the source; the caller closes it when done.
     *
     * @param changelog the changelog entries of its only block, the first one first (at least one)
     */
    public MadeSource make(SourceTemplate template, InstanceMaintainer.Maintainer maintainer, List<String> changelog) {
        if (changelog.isEmpty()) {
            throw new IllegalArgumentException("a made source needs a changelog entry");
        }
        var version = STAMP.format(clock.instant());
        Path directory;
        try {
            Files.createDirectories(home.tmp());
            directory = Files.createTempDirectory(home.tmp(), "template-" + template.source() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory under " + home.tmp(), e);
        }
        var made = new MadeSource(template.source(), version, directory,
                directory.resolve(template.source() + "_" + version + ".dsc"));
        try {
            var tree = directory.resolve("package");
            write(template, tree);
            var first = new ArrayList<String>(List.of("debchange", "--no-conf", "--create", "--package",
                    template.source(), "--newversion", version, "--distribution", "UNRELEASED", changelog.getFirst()));
            run(first, tree, maintainer);
            // The rest one line each: debchange would wrap a long upload option (auto-ports), which then does not parse.
            var file = tree.resolve("debian/changelog");
            Files.writeString(file, ChangelogEntry.appendToFirst(Files.readString(file), changelog.subList(1, changelog.size())));
            run(List.of("dpkg-source", "--build", "package"), directory, maintainer);
            if (!Files.isRegularFile(made.dsc())) {
                throw new IllegalStateException("dpkg-source made no " + made.dsc().getFileName() + " in " + directory);
            }
            return made;
        } catch (IOException e) {
            made.close();
            throw new UncheckedIOException("cannot add to the changelog of " + template.source() + " in " + directory, e);
        } catch (RuntimeException e) {
            made.close();
            throw e;
        }
    }

    private static void write(SourceTemplate template, Path tree) {
        try {
            for (var file : template.files().entrySet()) {
                var path = tree.resolve(file.getKey()).normalize();
                if (!path.startsWith(tree)) {
                    throw new IllegalArgumentException("template file " + file.getKey() + " lies outside the package");
                }
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
                if (template.executables().contains(file.getKey())) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the template of " + template.source() + " to " + tree, e);
        }
    }

    private void run(List<String> argv, Path directory, InstanceMaintainer.Maintainer maintainer) {
        runner.run(Command.of(argv).inDirectory(directory).withTimeout(TIMEOUT)
                .withEnv("DEBFULLNAME", maintainer.name()).withEnv("DEBEMAIL", maintainer.email())
                // debchange takes these before DEBEMAIL/DEBFULLNAME: the daemon's environment must not decide.
                .withEnv("NAME", null).withEnv("EMAIL", null).withEnv("DEBCHANGE_VENDOR", null)
                .withEnv("TZ", "UTC"));
    }
}
