package org.minibuildd.packager.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.ChangelogEntry;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.Deb822;
import org.minibuildd.debian.UploadOptions;
import org.minibuildd.exchange.BuildExchange;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.packager.PortException;
import org.minibuildd.packager.PortResult;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessFailedException;
import org.minibuildd.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes a planned port with Debian's tools, as mini-buildd does: {@code dget} the .dsc, unpack it, add a
 * "no changes" changelog entry with the port's version, distribution and upload options ({@code debchange}),
 * build the source package again, sign the .dsc, make the {@code .changes} with every entry since the original
 * upload ({@code dpkg-genchanges -S -sa -v<original>}), sign it with the instance key and upload it to our own FTP
 * incoming. From there it is an upload like any other: checked, built and installed, with its own events.
 */
@Component
class PortMaker {

    private static final Logger log = LoggerFactory.getLogger(PortMaker.class);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);
    private static final String TREE = "source-tree";
    /** Written last when a port is made (signed, ready to upload): the name of its {@code .changes}. */
    private static final String MADE = "made";
    /** The field naming whoever made the upload the port is of (mini-buildd's name for it). */
    private static final String ORIGINALLY_CHANGED_BY = "X-Mini-Buildd-Originally-Changed-By";

    private final ProcessRunner runner;
    private final InstanceKeyStore keys;
    private final InstanceService instances;
    private final InstanceMaintainer maintainer;
    private final BuildExchange exchange;

    PortMaker(ProcessRunner runner, InstanceKeyStore keys, InstanceService instances, InstanceMaintainer maintainer,
              BuildExchange exchange) {
        this.runner = runner;
        this.keys = keys;
        this.instances = instances;
        this.maintainer = maintainer;
        this.exchange = exchange;
    }

    /** Makes and uploads the port; a {@link PortException} says why it could not (nothing was uploaded then). */
    PortResult make(PortPlan plan) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mini-buildd-port-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the port", e);
        }
        try {
            upload(plan, prepare(plan, dir));
            return plan.result();
        } finally {
            delete(dir);
        }
    }

    /**
     * Makes the port in {@code dir}, which may hold an earlier try, and returns its signed {@code .changes}: a port
     * completely made there before (its {@code .changes} named in the {@value #MADE} file) is taken as it is. So when a
     * crash cut its upload short, the second upload is byte for byte the first (our incoming keeps what it has and
     * takes the rest), not a new build with other signatures and another changelog date next to the old files.
     */
    Path prepare(PortPlan plan, Path dir) {
        var made = dir.resolve(MADE);
        try {
            if (Files.exists(made)) {
                log.info("port of {} to {} as {} was made before: uploading it again", plan.source(), plan.distribution(), plan.version());
                return dir.resolve(Files.readString(made, StandardCharsets.UTF_8).strip());
            }
            delete(dir);
            Files.createDirectories(dir);
            var changes = build(plan, dir);
            var temp = dir.resolve(MADE + ".new");
            Files.writeString(temp, changes.getFileName().toString(), StandardCharsets.UTF_8);
            Files.move(temp, made, StandardCopyOption.ATOMIC_MOVE);
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the port in " + dir, e);
        }
    }

    /** Uploads a made port ({@code changes} and the files it lists, beside it) to our own incoming. */
    void upload(PortPlan plan, Path changes) {
        upload(changes);
        log.info("port of {} to {} as {} uploaded ({})", plan.source(), plan.distribution(), plan.version(), plan.dscUrl());
    }

    private Path build(PortPlan plan, Path dir) {
        var dget = new ArrayList<>(List.of("dget", "--download-only"));
        if (plan.allowUnauthenticated()) {
            dget.add("--allow-unauthenticated");
        }
        dget.add(plan.dscUrl());
        try {
            run(dget, dir);
        } catch (ProcessFailedException e) {
            throw new PortException(400, "the source package at " + plan.dscUrl() + " cannot be downloaded"
                    + (plan.allowUnauthenticated() ? "" : " and verified (dscverify); allow_unauthenticated ports it without verifying")
                    + ": " + e.stderrTail().strip(), e);
        }
        var dscName = plan.dscUrl().substring(plan.dscUrl().lastIndexOf('/') + 1);
        var originalSha1 = sha1(dir.resolve(dscName));
        run(List.of("dpkg-source", "-x", dscName, TREE), dir);
        var tree = dir.resolve(TREE);
        var original = original(tree);

        run(List.of("debchange", "--newversion", plan.version().toString(), "--force-distribution", "--force-bad-version",
                "--preserve", "--distribution", plan.distribution(),
                "No-changes port made by mini-buildd (SHA1 of the original .dsc: " + originalSha1 + ")."), tree);
        var items = new ArrayList<>(plan.comments());
        plan.options().forEach(option -> items.add(UploadOptions.KEYWORD + ": " + option));
        appendToChangelog(tree.resolve("debian/changelog"), items);
        run(List.of("dpkg-source", "-b", TREE), dir);

        var base = plan.source() + "_" + plan.version().withoutEpoch();
        var dsc = dir.resolve(base + ".dsc");
        sign(dsc);
        var changes = dir.resolve(base + "_source.changes");
        run(List.of("dpkg-genchanges", "-S", "-sa", "-v" + original.version(),
                "-D" + ORIGINALLY_CHANGED_BY + "=" + original.maintainer(), "-O../" + changes.getFileName()), tree);
        sign(changes);
        return changes;
    }

    /** Version and maintainer the port goes back to: the first changelog entry not made by us, as mini-buildd. */
    private record Original(String version, String maintainer) { }

    private Original original(Path tree) {
        var text = run(List.of("dpkg-parsechangelog", "--all", "--format", "rfc822"), tree).stdoutText();
        var entries = Deb822.parse(text, "debian/changelog");
        var ours = maintainer.current().email();
        for (int i = 0; i < entries.size(); i++) {
            var maintainer = entries.get(i).text("Maintainer").orElse("");
            if (!maintainer.contains(ours) || i == entries.size() - 1) {
                // -v is the version before that entry, so the .changes carries it and our ports on top of it.
                var previous = i + 1 < entries.size() ? entries.get(i + 1).text("Version").orElseThrow()
                        : entries.get(i).text("Version").orElseThrow() + "~";
                return new Original(previous, maintainer);
            }
        }
        throw new PortException(400, "the source package's debian/changelog has no entry");
    }

    /** Into the new entry, one line each: debchange would wrap a long option (auto-ports), which then does not parse. */
    private static void appendToChangelog(Path changelog, List<String> items) {
        try {
            Files.writeString(changelog, ChangelogEntry.appendToFirst(Files.readString(changelog, StandardCharsets.UTF_8), items),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the port's options to " + changelog, e);
        }
    }

    private void sign(Path file) {
        try {
            Files.writeString(file, keys.get().clearsign(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign " + file.getFileName(), e);
        }
    }

    private void upload(Path changes) {
        var files = new ArrayList<Path>();
        try {
            for (var file : Changes.parse(Files.readString(changes, StandardCharsets.UTF_8)).files()) {
                files.add(changes.resolveSibling(file.name()));
            }
            files.add(changes);
            exchange.upload(instances.instance().incomingUrl(), files);
        } catch (IOException | DebianFormatException e) {
            throw new PortException(500, "the port " + changes.getFileName() + " cannot be uploaded to our incoming "
                    + instances.instance().incomingUrl() + ": " + e.getMessage(), e);
        }
    }

    private org.minibuildd.process.ProcessResult run(List<String> argv, Path dir) {
        var us = maintainer.current();
        // HOME is the port's directory: no user's ~/.devscripts or keyrings change what the tools do.
        var command = Command.of(argv).inDirectory(dir).withTimeout(TOOL_TIMEOUT)
                .withEnv("HOME", dir.toString())
                .withEnv("DEBFULLNAME", us.name())
                .withEnv("DEBEMAIL", us.email())
                .withEnv("LC_ALL", "C.UTF-8");
        return runner.run(command);
    }

    private static String sha1(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new PortException(400, "dget did not download " + file.getFileName(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes {@code dir} and everything below it, if it exists. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot remove the port's directory {}: {}", dir, e.getMessage());
        }
    }
}
