package org.minibuildd.packager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.CrashWindows;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.BuildChangesName;
import org.minibuildd.debian.BuildRequest;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.MiniBuilddField;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.debian.UploadKey;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.events.Problem;
import org.minibuildd.repository.RepositoryException;
import org.minibuildd.repository.RepositoryPackages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finishes an upload once every architecture's result is in: each build must have succeeded and passed its
 * checks (lintian per its mode; experimental suites ignore check failures, as mini-buildd), then the source and
 * all binaries are installed at once with the rollback shift (INSTALLED); otherwise nothing is installed and the
 * upload FAILED, with every reason. Runs in the transaction that moves the upload's state.
 */
@Component
class Installer {

    private static final Logger log = LoggerFactory.getLogger(Installer.class);

    private final UploadStore uploads;
    private final RepositoryService repositories;
    private final RepositoryPackages packages;
    private final Events events;
    private final CrashWindows crashWindows;
    private final Home home;
    private final AutoPorts autoPorts;

    Installer(UploadStore uploads, RepositoryService repositories, RepositoryPackages packages, Events events,
              CrashWindows crashWindows, Home home, AutoPorts autoPorts) {
        this.autoPorts = autoPorts;
        this.uploads = uploads;
        this.repositories = repositories;
        this.packages = packages;
        this.events = events;
        this.crashWindows = crashWindows;
        this.home = home;
    }

    void finish(UploadStore.Row row, List<UploadBuildStore.Row> builds) {
        var diststr = DistributionString.parse(row.distribution());
        var repository = repositories.config(diststr.repository()).orElseThrow();
        var suite = repository.layout().suite(diststr.suite()).orElseThrow();
        Changes upload = null;
        var failures = new ArrayList<String>();
        var results = new LinkedHashMap<String, Object>();
        var sbuildChanges = new ArrayList<java.nio.file.Path>();
        try {
            upload = Changes.parse(Files.readString(row.dir().resolve(row.changesName())));
        } catch (IOException | DebianFormatException e) {
            failures.add("the upload's .changes cannot be read: " + e.getMessage());
        }
        var key = row.uploadKey();
        for (var build : builds) {
            var arch = build.architecture();
            var dir = java.nio.file.Path.of(build.resultDir());
            var result = resultFields(dir, key, arch);
            results.put(arch, result);
            // An unreadable request asked for no checks.
            var checks = request(key, arch).map(BuildRequest::checks)
                    .orElse(new BuildRequest.Checks(CheckMode.DISABLED, "", CheckMode.DISABLED, CheckMode.DISABLED, "", ""));
            var log = result.getOrDefault(MiniBuilddField.BUILDLOG_INSTALLED.eventKey(), "its build log");
            if (!"successful".equals(build.sbuildStatus())) {
                // The builder's reason, when it knows one (e.g. our repository could not be fetched in the build).
                var why = String.valueOf(result.getOrDefault(MiniBuilddField.FAILURE.eventKey(), ""));
                failures.add(arch + ": build " + (build.sbuildStatus().isEmpty() ? "gave no status" : build.sbuildStatus())
                        + (why.isBlank() ? "" : ": " + why) + " (see " + log + ")");
            } else if (!suite.experimental()) {
                if (checks.lintian().lintianFails(build.lintian())) {
                    failures.add(arch + ": lintian " + build.lintian() + " fails lintian mode " + checks.lintian());
                }
                checkVerdict(failures, arch, "piuparts", checks.piuparts(),
                        String.valueOf(result.getOrDefault(MiniBuilddField.SBUILD_PIUPARTS.eventKey(), "")), log);
                checkVerdict(failures, arch, "autopkgtest", checks.autopkgtest(),
                        String.valueOf(result.getOrDefault(MiniBuilddField.SBUILD_AUTOPKGTEST.eventKey(), "")), log);
            }
            sbuildChanges.add(dir.resolve(key.sbuildChangesName(arch)));
        }
        if (failures.isEmpty()) {
            try {
                packages.install(repository.identity(), diststr.codename(), diststr.suite(), row.dir().resolve(key.dscName()), sbuildChanges);
            } catch (RepositoryException e) {
                failures.add("install into " + diststr + " failed: " + e.getMessage());
            }
        }
        var extra = PackagerWorker.extra(row, upload);
        extra.put("auto_ports", failures.isEmpty()
                ? autoPorts.afterCommit(row.key(), row.source(), row.version(), row.distribution(), upload) : Map.of());
        extra.put("buildresults", results);
        if (failures.isEmpty()) {
            uploads.move(row.id(), UploadStore.State.INSTALLED, "", row.dir());
            events.log(EventType.INSTALLED, row.distribution(), row.source(), row.version(), extra);
            crashWindows.beforeCommit(CrashWindows.Step.INSTALL, row.changesName());
            log.info("installed {} {} into {}", row.source(), row.version(), diststr);
        } else {
            var reason = String.join("; ", failures);
            uploads.move(row.id(), UploadStore.State.FAILED, reason, row.dir());
            extra.put("error", Problem.ofUpload(reason).toJson());
            events.log(EventType.FAILED, row.distribution(), row.source(), row.version(), extra);
            log.warn("failed {} {}: {}", row.source(), row.version(), reason);
        }
    }

    /** The build result's fields for the event, named as the reference's {@code buildresults} entries. */
    private static Map<String, Object> resultFields(java.nio.file.Path dir, UploadKey key, String arch) {
        var name = BuildChangesName.BUILD_RESULT.changesName(key, arch);
        var fields = MiniBuilddFields.eventBase(key, arch, name);
        try {
            MiniBuilddFields.addTo(fields, Changes.parseInternal(Files.readString(dir.resolve(name))).paragraph());
        } catch (IOException | DebianFormatException e) {
            fields.put("error", "result .changes unreadable: " + e.getMessage());
        }
        return fields;
    }

    /** The build request sent for the architecture; empty when unreadable. */
    private Optional<BuildRequest> request(UploadKey key, String arch) {
        var file = home.eventsDir(key, arch).resolve(BuildChangesName.BUILD_REQUEST.changesName(key, arch));
        try {
            return Optional.of(BuildRequest.parse(Files.readString(file)));
        } catch (IOException | DebianFormatException e) {
            return Optional.empty();
        }
    }

    /** autopkgtest and piuparts: a failure names the verdict (or that the check did not run), the mode and the log. */
    private static void checkVerdict(List<String> failures, String arch, String check, CheckMode mode, String verdict, Object log) {
        if (mode.checkFails(verdict)) {
            failures.add(arch + ": " + check + " " + (verdict.isEmpty() ? "did not run" : verdict) + " fails " + check + " mode "
                    + mode + " (see " + log + ")");
        }
    }
}
