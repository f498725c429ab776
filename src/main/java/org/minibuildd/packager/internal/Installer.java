package org.minibuildd.packager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.CrashWindows;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
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

    Installer(UploadStore uploads, RepositoryService repositories, RepositoryPackages packages, Events events,
              CrashWindows crashWindows) {
        this.uploads = uploads;
        this.repositories = repositories;
        this.packages = packages;
        this.events = events;
        this.crashWindows = crashWindows;
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
        for (var build : builds) {
            var dir = java.nio.file.Path.of(build.resultDir());
            var result = resultFields(dir, row, build.architecture());
            results.put(build.architecture(), result);
            var request = request(row, build.architecture());
            var mode = mode(request, "X-Mini-Buildd-Lintian-Mode");
            var log = result.getOrDefault("buildlog_installed", "its build log");
            if (!"successful".equals(build.sbuildStatus())) {
                // The builder's reason, when it knows one (e.g. our repository could not be fetched in the build).
                var why = String.valueOf(result.getOrDefault("failure", ""));
                failures.add(build.architecture() + ": build " + (build.sbuildStatus().isEmpty() ? "gave no status" : build.sbuildStatus())
                        + (why.isBlank() ? "" : ": " + why) + " (see " + log + ")");
            } else if (!suite.experimental()) {
                if (lintianFails(mode, build.lintian())) {
                    failures.add(build.architecture() + ": lintian " + build.lintian() + " fails lintian mode " + mode);
                }
                checkVerdict(failures, build.architecture(), "piuparts", mode(request, "X-Mini-Buildd-Piuparts-Mode"),
                        String.valueOf(result.getOrDefault("sbuild_piuparts", "")), log);
                checkVerdict(failures, build.architecture(), "autopkgtest", mode(request, "X-Mini-Buildd-Autopkgtest-Mode"),
                        String.valueOf(result.getOrDefault("sbuild_autopkgtest", "")), log);
            }
            sbuildChanges.add(BuildResults.sbuildChanges(dir, row.source(), row.version(), build.architecture()));
        }
        if (failures.isEmpty()) {
            try {
                packages.install(repository.identity(), diststr.codename(), diststr.suite(), row.dir().resolve(dscName(row)), sbuildChanges);
            } catch (RepositoryException e) {
                failures.add("install into " + diststr + " failed: " + e.getMessage());
            }
        }
        var extra = PackagerWorker.extra(row, upload);
        extra.put("auto_ports", Map.of());
        extra.put("buildresults", results);
        if (failures.isEmpty()) {
            uploads.move(row.id(), UploadStore.State.INSTALLED, "", row.dir());
            events.log(EventType.INSTALLED, row.distribution(), row.source(), row.version(), extra);
            crashWindows.beforeCommit(CrashWindows.Step.INSTALL, row.changesName());
            log.info("installed {} {} into {}", row.source(), row.version(), diststr);
        } else {
            var reason = String.join("; ", failures);
            uploads.move(row.id(), UploadStore.State.FAILED, reason, row.dir());
            extra.put("error", UserUploads.problem(reason));
            events.log(EventType.FAILED, row.distribution(), row.source(), row.version(), extra);
            log.warn("failed {} {}: {}", row.source(), row.version(), reason);
        }
    }

    /** ERRFAIL fails on lintian errors, WARNFAIL on warnings too; IGNORE and DISABLED never. */
    static boolean lintianFails(String mode, String lintian) {
        var result = lintian.toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "ERRFAIL" -> result.equals("error") || result.equals("fail");
            case "WARNFAIL" -> result.equals("error") || result.equals("fail") || result.equals("warn");
            default -> false;
        };
    }

    /**
     * autopkgtest and piuparts: ERRFAIL and WARNFAIL fail when the check fails or did not run at all; sbuild already
     * counts skipped tests as a pass and reports "no tests" for a package without any. IGNORE and DISABLED never fail.
     */
    static boolean checkFails(String mode, String verdict) {
        var result = verdict.toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "ERRFAIL", "WARNFAIL" -> result.isEmpty() || result.equals("fail");
            default -> false;
        };
    }

    private static String dscName(UploadStore.Row row) {
        return row.source() + "_" + row.version().substring(row.version().indexOf(':') + 1) + ".dsc";
    }

    /** The build result's fields for the event, named as the reference's {@code buildresults} entries. */
    private static Map<String, Object> resultFields(java.nio.file.Path dir, UploadStore.Row row, String arch) {
        var name = row.source() + "_" + row.version() + "_mini-buildd-buildresult_" + arch + ".changes";
        var fields = MiniBuilddFields.eventBase(row.source(), row.version(), row.timecode(), arch, name);
        try {
            MiniBuilddFields.addTo(fields, Changes.parseInternal(Files.readString(dir.resolve(name))).paragraph());
        } catch (IOException | DebianFormatException e) {
            fields.put("error", "result .changes unreadable: " + e.getMessage());
        }
        return fields;
    }

    /** The build request sent for the architecture (read once for all its check modes); empty when unreadable. */
    private static Optional<Changes> request(UploadStore.Row row, String arch) {
        var name = row.source() + "_" + row.version() + "_mini-buildd-buildrequest_" + arch + ".changes";
        var file = row.dir().getParent().resolve(arch).resolve(name);
        try {
            return Optional.of(Changes.parseInternal(Files.readString(file)));
        } catch (IOException | DebianFormatException e) {
            return Optional.empty();
        }
    }

    private static String mode(Optional<Changes> request, String field) {
        return request.flatMap(r -> r.get(field)).orElse("").toUpperCase(Locale.ROOT);
    }

    /** autopkgtest and piuparts: a failure names the verdict (or that the check did not run), the mode and the log. */
    private static void checkVerdict(List<String> failures, String arch, String check, String mode, String verdict, Object log) {
        if (checkFails(mode, verdict)) {
            failures.add(arch + ": " + check + " " + (verdict.isEmpty() ? "did not run" : verdict) + " fails " + check + " mode "
                    + mode + " (see " + log + ")");
        }
    }
}
