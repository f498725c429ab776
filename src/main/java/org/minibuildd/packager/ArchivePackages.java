package org.minibuildd.packager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.minibuildd.config.Layout;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.events.Event;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.packager.internal.InstanceMaintainer;
import org.minibuildd.packager.internal.KeyringTemplate;
import org.minibuildd.packager.internal.MadeSource;
import org.minibuildd.packager.internal.SourceTemplate;
import org.minibuildd.packager.internal.TemplateSources;
import org.minibuildd.packager.internal.TestTemplates;
import org.minibuildd.packager.internal.UploadOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Packages the daemon makes itself and uploads to its own repositories through the normal path (an external
 * port of a {@code file://} .dsc, as mini-buildd's {@code upload_template_package}): the archive keyring package,
 * and the three test packages that prove packaging, building and installing work. Every distribution is checked
 * before the first upload, so a refusal ({@link PortException}) changes nothing.
 */
@Service
public class ArchivePackages {

    private static final Logger log = LoggerFactory.getLogger(ArchivePackages.class);
    /** A keyring package is built in seconds; the test packages build a C++ program: generous, but not forever. */
    private static final Duration WAIT = Duration.ofHours(2);

    private final Ports ports;
    private final TemplateSources sources;
    private final UploadOutcomes outcomes;
    private final RepositoryService repositories;
    private final InstanceService instances;
    private final InstanceKeyStore keys;
    private final InstanceMaintainer maintainer;
    private final Maintenance maintenance;

    ArchivePackages(Ports ports, TemplateSources sources, UploadOutcomes outcomes, RepositoryService repositories,
                    InstanceService instances, InstanceKeyStore keys, InstanceMaintainer maintainer, Maintenance maintenance) {
        this.ports = ports;
        this.sources = sources;
        this.outcomes = outcomes;
        this.repositories = repositories;
        this.instances = instances;
        this.keys = keys;
        this.maintainer = maintainer;
        this.maintenance = maintenance;
    }

    /** The test sources, in mini-buildd's order. */
    public static List<String> testSources() {
        return TestTemplates.NAMES;
    }

    /** {@code keyring_packages}' default: the active distributions whose suite builds the keyring package. */
    public List<String> activeKeyringDistributions() {
        return activeDistributions(Layout.SuiteOption::buildKeyringPackage);
    }

    /** {@code test_packages}' default: the active experimental distributions. */
    public List<String> activeExperimentalDistributions() {
        return activeDistributions(s -> s.experimental() && s.suite().endsWith("experimental"));
    }

    /**
     * Makes the keyring package and uploads it to each of {@code distributions} (empty: the default), then waits
     * for each upload's final event.
     *
     * @param withoutMigration not to migrate an installed keyring package up its suites; otherwise the result's
     *                         note says where it went, or why not
     */
    public List<ArchivePackageUpload> keyringPackages(List<String> distributions, boolean withoutMigration)
            throws InterruptedException {
        var targets = distributions.isEmpty() ? activeKeyringDistributions() : distributions;
        if (targets.isEmpty()) {
            throw new PortException(400, "No distribution to upload the keyring package to: no active distribution's suite"
                    + " has build_keyring_package");
        }
        for (var target : targets) {
            var suite = check(target, "keyring package");
            if (!suite.buildKeyringPackage()) {
                throw new PortException(400, "Keyring package to a suite that does not build it requested (see its"
                        + " 'build_keyring_package' flag): '" + target + "'");
            }
        }
        var identity = instances.instance().identity();
        var template = KeyringTemplate.of(identity, maintainer.current().field(), keys.get().exportBinary(), aptEntries());
        var results = upload(template, List.of("Automatic keyring package for archive '" + identity + "'."), targets, true);
        if (withoutMigration) {
            return results;
        }
        return results.stream().map(r -> "INSTALLED".equals(r.event())
                ? new ArchivePackageUpload(r.port(), r.event(), migrate(r.port())) : r).toList();
    }

    /** As mini-buildd: an installed keyring package goes all the way up its suites (unstable → testing → stable). */
    private String migrate(PortResult port) {
        try {
            var to = maintenance.migrate(port.source(), port.distribution(), true, port.version(), false);
            return to.isEmpty() ? null : "migrated to " + String.join(", ", to);
        } catch (MaintenanceException e) {
            log.warn("keyring package {} {} in {} not migrated: {}", port.source(), port.version(), port.distribution(), e.getMessage());
            return "not migrated: " + e.getMessage();
        }
    }

    /**
     * Makes each of {@code sources} (empty: all three) and uploads it to each of {@code distributions} (empty: the
     * default); with {@code withCheck}, waits for every upload's final event, and refuses (after all are in) when
     * one ended otherwise than it must: the FTBFS package FAILED, the others INSTALLED.
     *
     * @param autoPorts distributions the installed packages are then ported to (the auto-ports upload option)
     */
    public List<ArchivePackageUpload> testPackages(List<String> sourceNames, List<String> distributions,
                                                   List<String> autoPorts, boolean withCheck) throws InterruptedException {
        var names = sourceNames.isEmpty() ? TestTemplates.NAMES : sourceNames;
        for (var name : names) {
            if (!TestTemplates.NAMES.contains(name)) {
                throw new PortException(400, "No test package '" + name + "' (there are: "
                        + String.join(", ", TestTemplates.NAMES) + ")");
            }
        }
        var targets = distributions.isEmpty() ? activeExperimentalDistributions() : distributions;
        if (targets.isEmpty()) {
            throw new PortException(400, "No distribution to upload the test packages to: there is no active experimental distribution");
        }
        for (var target : targets) {
            check(target, "test package");
        }
        for (var target : autoPorts) {
            check(target, "auto-port");
        }
        var changelog = new ArrayList<>(List.of("Test package made by mini-buildd."));
        if (!autoPorts.isEmpty()) {
            changelog.add(org.minibuildd.debian.UploadOptions.KEYWORD + ": auto-ports=" + String.join(",", autoPorts));
        }
        var results = new ArrayList<ArchivePackageUpload>();
        try (var watch = withCheck ? outcomes.watch() : null) {
            for (var name : names) {
                var template = TestTemplates.of(name, maintainer.current().field()).orElseThrow();
                results.addAll(upload(template, changelog, targets, false));
            }
            if (withCheck) {
                results = new ArrayList<>(await(watch, results));
            }
        }
        if (withCheck) {
            var wrong = results.stream().filter(r -> !(TestTemplates.mustInstall(r.port().source())
                    ? "INSTALLED" : "FAILED").equals(r.event())).toList();
            if (!wrong.isEmpty()) {
                throw new PortException(400, "Test package failed: " + String.join("; ", results.stream()
                        .map(r -> r.port().source() + " " + r.port().version() + " to " + r.port().distribution() + ": "
                                + (r.event() == null ? "no result within " + WAIT.toMinutes() + " min" : r.event())
                                + (wrong.contains(r) ? " (wrong)" : ""))
                        .toList()));
            }
        }
        return results;
    }

    /** Makes the source, ports it to every target, waits for the outcomes when asked, then drops the made files. */
    private List<ArchivePackageUpload> upload(SourceTemplate template, List<String> changelog, List<String> targets,
                                              boolean await) throws InterruptedException {
        try (var made = sources.make(template, maintainer.current(), changelog);
             var watch = await ? outcomes.watch() : null) {
            var ported = portAll(made, targets);
            var uploads = ported.stream().map(p -> new ArchivePackageUpload(p, null, null)).toList();
            return await ? await(watch, uploads) : uploads;
        }
    }

    private List<PortResult> portAll(MadeSource made, List<String> targets) {
        log.info("uploading {} {} to {}", made.source(), made.version(), targets);
        return ports.portExternal(made.dscUrl(), targets, null, true);
    }

    private List<ArchivePackageUpload> await(UploadOutcomes.Watch watch, List<ArchivePackageUpload> uploads)
            throws InterruptedException {
        var keyed = uploads.stream().map(u -> new UploadOutcomes.Upload(u.port().distribution(), u.port().source(),
                u.port().version())).toList();
        Map<UploadOutcomes.Upload, Event> done = watch.await(keyed, WAIT);
        var results = new ArrayList<ArchivePackageUpload>();
        for (int i = 0; i < uploads.size(); i++) {
            var event = done.get(keyed.get(i));
            results.add(new ArchivePackageUpload(uploads.get(i).port(), event == null ? null : event.type().name(),
                    uploads.get(i).note()));
        }
        return results;
    }

    /** A distribution of an active repository, not a rollback, whose suite takes uploads; its suite's options. */
    private Layout.SuiteOption check(String diststr, String what) {
        DistributionString parsed;
        try {
            parsed = DistributionString.parse(diststr);
        } catch (DebianFormatException e) {
            throw new PortException(400, what + ": " + e.getMessage());
        }
        var repository = repositories.all().stream().filter(r -> r.identity().equals(parsed.repository())).findFirst()
                .orElseThrow(() -> new PortException(400, what + ": no repository '" + parsed.repository() + "' for '" + diststr + "'"));
        if (!repository.state().isActive()) {
            throw new PortException(400, what + ": repository '" + parsed.repository() + "' is not active");
        }
        if (!repository.codenames().contains(parsed.codename())) {
            throw new PortException(400, what + ": repository '" + parsed.repository() + "' has no distribution '"
                    + parsed.codename() + "' (it has: " + String.join(", ", repository.codenames()) + ")");
        }
        var suite = repository.layout().suite(parsed.suite()).orElseThrow(() -> new PortException(400, what
                + ": the layout of repository '" + parsed.repository() + "' has no suite '" + parsed.suite() + "'"));
        if (parsed.rollback() >= 0 || !suite.uploadable()) {
            throw new PortException(400, what + ": '" + diststr + "' takes no uploads");
        }
        return suite;
    }

    private List<String> activeDistributions(Predicate<Layout.SuiteOption> suites) {
        var diststrs = new ArrayList<String>();
        for (var repository : repositories.all()) {
            if (!repository.state().isActive()) {
                continue;
            }
            for (var codename : repository.codenames()) {
                for (var suite : repository.layout().suites()) {
                    if (suites.test(suite)) {
                        diststrs.add(DistributionString.of(codename, repository.identity(), suite.suite()).toString());
                    }
                }
            }
        }
        return diststrs;
    }

    /** Every distribution of every repository, rollbacks included, as the keyring package's apt examples. */
    private List<KeyringTemplate.AptEntry> aptEntries() {
        var url = instances.instance().url() + "/repositories/";
        var entries = new ArrayList<KeyringTemplate.AptEntry>();
        for (var summary : repositories.all()) {
            var repository = repositories.config(summary.identity()).orElseThrow();
            for (var distribution : repository.distributions()) {
                for (var suite : repository.layout().suites()) {
                    entries.add(new KeyringTemplate.AptEntry(repository.identity(), distribution.codename(), suite.suite(),
                            repository.diststr(distribution.codename(), suite.suite()), url + repository.identity(),
                            distribution.components()));
                    for (int r = 0; r < suite.rollback(); r++) {
                        entries.add(new KeyringTemplate.AptEntry(repository.identity(), distribution.codename(),
                                suite.suite() + "-rollback" + r, repository.diststr(distribution.codename(), suite.suite(), r),
                                url + repository.identity(), distribution.components()));
                    }
                }
            }
        }
        return entries;
    }
}
