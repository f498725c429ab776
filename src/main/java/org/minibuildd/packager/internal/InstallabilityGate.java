package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.AptIndex;
import org.minibuildd.debian.Deb822;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.Paragraph;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.repository.RepositoryPackages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a source's binaries would be installable in a distribution they migrate to: Debian's
 * {@code dose-debcheck} checks them (the foreground) against the target's Packages plus Debian's Packages of the
 * codename (the background), per architecture of the distribution. Debian's Packages are the apt lists of the
 * codename's build chroot, which the builder keeps fresh; an architecture whose chroot has no lists is checked
 * against the target alone, and said so in the log.
 */
@Component
public class InstallabilityGate {

    private static final Logger log = LoggerFactory.getLogger(InstallabilityGate.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final RepositoryPackages packages;
    private final ProcessRunner runner;
    private final Home home;
    private final PackagesClosure closure;

    InstallabilityGate(RepositoryPackages packages, ProcessRunner runner, Home home, PackagesClosure closure) {
        this.packages = packages;
        this.runner = runner;
        this.home = home;
        this.closure = closure;
    }

    /**
     * What dose-debcheck found for the binaries of one source version moved into a distribution.
     *
     * @param unsatisfied the unsatisfied dependencies and conflicts, one line each
     *                    ({@code <package> <version> (<arch>): depends on <relation>}); empty: all installable
     * @param targetOnly  the architectures checked against the target alone, for want of the chroot's apt lists
     */
    public record Verdict(List<String> unsatisfied, List<String> targetOnly) {

        public boolean installable() {
            return unsatisfied.isEmpty();
        }
    }

    /** Checks the binaries of {@code source} {@code version} in {@code from} as if they were in {@code target}. */
    public Verdict check(RepositoryConfig repository, String from, String target, String source, String version) {
        var codename = DistributionString.parse(target).codename();
        var architectures = repository.distribution(codename).map(RepositoryConfig.Distribution::architectures).orElse(List.of());
        var problems = new ArrayList<String>();
        var targetOnly = new ArrayList<String>();
        for (var arch : architectures) {
            var binaries = binaries(repository.identity(), from, arch, source, version);
            if (binaries.isEmpty()) {
                continue;
            }
            if (debianPackages(codename, arch).isEmpty()) {
                targetOnly.add(arch);
            }
            problems.addAll(check(repository.identity(), target, codename, arch, binaries));
        }
        return new Verdict(problems.stream().distinct().toList(), targetOnly);
    }

    private List<String> check(String identity, String target, String codename, String arch, List<Paragraph> binaries) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("installability-");
            var foreground = dir.resolve("Packages");
            Files.writeString(foreground, Deb822.write(binaries), StandardCharsets.UTF_8);
            var lists = new ArrayList<>(packages.packagesIndices(identity, target, arch));
            var debian = debianPackages(codename, arch);
            if (debian.isEmpty()) {
                log.warn("no apt lists of the {}/{} chroot: {} is checked for installability against {} alone", codename, arch,
                        binaries.getFirst().text("Package").orElse("?"), target);
            }
            lists.addAll(debian);
            // Only what the binaries can reach: dose then reads kilobytes, not Debian's whole list. Essential packages
            // are left to Debian (they are installable there) rather than forced into every installation.
            var background = dir.resolve("Background");
            Files.writeString(background, closure.closure(binaries.stream().map(Paragraph::raw).toList(), lists), StandardCharsets.UTF_8);
            var argv = List.of("dose-debcheck", "--deb-native-arch=" + arch, "--deb-ignore-essential", "--failures", "--explain",
                    "--fg", foreground.toString(), "--bg", background.toString());
            String report;
            try {
                report = runner.run(Command.of(argv).withTimeout(TIMEOUT)).stdoutText();
            } catch (ProcessFailedException.NonZeroExit e) {
                // 1: some foreground package is broken, and the report says which; anything else is dose's own failure.
                if (e.exitCode() != 1) {
                    throw e;
                }
                report = e.result().stdoutText();
            }
            return reasons(report, arch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** The binaries' paragraphs of the source's version, from the distribution's Packages indices for {@code arch}. */
    private List<Paragraph> binaries(String identity, String diststr, String arch, String source, String version) {
        var found = new ArrayList<Paragraph>();
        for (var index : packages.packagesIndices(identity, diststr, arch)) {
            try (var reader = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
                AptIndex.packages(reader).filter(e -> ofSource(e, source, version)).map(AptIndex.Entry::paragraph).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** {@code Source: <name> [(<version>)]}, absent when source and binary share name and version. */
    static boolean ofSource(AptIndex.Entry entry, String source, String version) {
        var field = entry.paragraph().text("Source").orElse(entry.name()).strip();
        var name = field.contains(" ") ? field.substring(0, field.indexOf(' ')) : field;
        var sourceVersion = field.contains("(") ? field.substring(field.indexOf('(') + 1, field.indexOf(')')).strip()
                : entry.version().toString();
        return name.equals(source) && sourceVersion.equals(version);
    }

    /** The uncompressed Packages lists apt keeps in the codename's chroot for {@code arch}. */
    private List<Path> debianPackages(String codename, String arch) {
        var lists = home.chroot(codename, arch).resolve("source/var/lib/apt/lists");
        if (!Files.isDirectory(lists)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lists)) {
            return files.filter(p -> p.getFileName().toString().endsWith("_binary-" + arch + "_Packages")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * dose-debcheck's YAML report, read line by line: each {@code package:}/{@code version:} at the top of a report
     * entry names the broken package, its {@code unsat-dependency:}/{@code unsat-conflict:} lines say why.
     */
    static List<String> reasons(String report, String arch) {
        var reasons = new ArrayList<String>();
        String pkg = "?";
        String version = "?";
        for (var line : report.lines().toList()) {
            if (line.startsWith("  package: ")) {
                pkg = line.substring("  package: ".length()).strip();
            } else if (line.startsWith("  version: ")) {
                version = line.substring("  version: ".length()).strip();
            } else if (line.strip().startsWith("unsat-dependency: ") || line.strip().startsWith("unsat-conflict: ")) {
                var reason = line.strip();
                reasons.add(pkg + " " + version + " (" + arch + "): " + reason.replaceFirst("^unsat-dependency: ", "depends on ")
                        .replaceFirst("^unsat-conflict: ", "conflicts with "));
            }
        }
        return reasons;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (var file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
