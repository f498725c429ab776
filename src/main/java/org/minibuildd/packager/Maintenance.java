package org.minibuildd.packager;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.config.Layout;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.daemon.Home;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.Version;
import org.minibuildd.events.Event;
import org.minibuildd.events.EventType;
import org.minibuildd.events.Events;
import org.minibuildd.packager.internal.InstallabilityGate;
import org.minibuildd.repository.PackageListing;
import org.minibuildd.repository.RepositoryException;
import org.minibuildd.repository.RepositoryPackages;
import org.springframework.stereotype.Service;

/**
 * What staff do with installed packages every day: list and show a source package across the repositories, migrate
 * it along the layout's suites, remove it. Each change emits its event (MIGRATED, REMOVED); each refusal is a
 * {@link MaintenanceException} and changes nothing.
 */
@Service
public class Maintenance {

    /** How many of a version's events {@code show} gives, newest first. */
    static final int SHOW_EVENTS = 5;

    private final RepositoryService repositories;
    private final RepositoryPackages packages;
    private final Events events;
    private final Home home;
    private final InstallabilityGate gate;

    Maintenance(RepositoryService repositories, RepositoryPackages packages, Events events, Home home, InstallabilityGate gate) {
        this.repositories = repositories;
        this.packages = packages;
        this.events = events;
        this.home = home;
        this.gate = gate;
    }

    /**
     * mini-buildd's {@code ls}: repository → distribution → {@code {rollbacks{…}, version, component, architecture}},
     * source entries only, repositories without the source left out ({@code {}} when none has it).
     */
    public Map<String, Map<String, Map<String, Object>>> ls(SourceQuery query) {
        var minVersion = query.minVersion().isEmpty() ? null : version(query.minVersion());
        var result = new LinkedHashMap<String, Map<String, Map<String, Object>>>();
        for (var identity : identities(query)) {
            var listing = listing(identity, query.source(), true).stream().filter(l -> matches(l, query, minVersion)).toList();
            var byDistribution = new LinkedHashMap<String, Map<String, Object>>();
            for (var l : listing) {
                var dist = DistributionString.parse(l.distribution());
                var entry = byDistribution.computeIfAbsent(dist.withoutRollback().toString(), d -> {
                    var e = new LinkedHashMap<String, Object>();
                    e.put("rollbacks", new LinkedHashMap<String, Object>());
                    return e;
                });
                if (dist.isRollback()) {
                    rollbacks(entry).put(l.distribution(), values(l));
                } else {
                    entry.putAll(values(l));
                }
            }
            if (!byDistribution.isEmpty()) {
                result.put(identity, byDistribution);
            }
        }
        return result;
    }

    /**
     * {@code ls} with mini-buildd's {@code show} additions: {@code dsc_path} for every version, and per distribution
     * {@code changes_paths} (the source .changes of its installed uploads, newest first), {@code uploadable},
     * {@code migrates_to} and {@code is_migrated} for suites that migrate; beyond mini-buildd's JSON, as its show
     * page: {@code buildlogs} (architecture → build logs of the installed uploads) and the version's last
     * {@code events}, newest first. Paths of events-dir files are relative to it, as in the events.
     */
    public Map<String, Map<String, Map<String, Object>>> show(SourceQuery query) {
        var result = ls(query);
        for (var repository : result.entrySet()) {
            var config = config(repository.getKey());
            for (var distribution : repository.getValue().entrySet()) {
                enrich(config, query.source(), distribution.getKey(), distribution.getValue(), repository.getValue());
            }
        }
        return result;
    }

    private void enrich(RepositoryConfig config, String source, String diststr, Map<String, Object> entry,
                        Map<String, Map<String, Object>> all) {
        var dist = DistributionString.parse(diststr);
        var suite = config.layout().suite(dist.suite());
        var version = (String) entry.get("version");
        // Key order as mini-buildd's show: dsc_path, changes_paths, uploadable, migrates_to, is_migrated.
        List<Event> newestFirst = version == null ? List.of() : events.of(source, version).reversed();
        var installed = newestFirst.stream().filter(e -> e.type() == EventType.INSTALLED).toList();
        if (version != null) {
            entry.put("dsc_path", dscPath(config.identity(), source, entry));
            entry.put("changes_paths", installed.stream().map(e -> String.valueOf(e.extra().get("changes")))
                    .filter(p -> Files.isRegularFile(home.events().resolve(p))).distinct().toList());
        }
        entry.put("uploadable", suite.map(Layout.SuiteOption::uploadable).orElse(false));
        suite.map(Layout.SuiteOption::migratesTo).filter(m -> !m.isBlank()).ifPresent(m -> {
            var target = config.diststr(dist.codename(), m);
            entry.put("migrates_to", target);
            if (version != null) {
                entry.put("is_migrated", all.containsKey(target) && version.equals(all.get(target).get("version")));
            }
        });
        if (version != null) {
            entry.put("buildlogs", buildlogs(installed));
            entry.put("events", newestFirst.stream().limit(SHOW_EVENTS).map(Event::toJson).toList());
        }
        for (var rollback : rollbacks(entry).values()) {
            @SuppressWarnings("unchecked")
            var values = (Map<String, Object>) rollback;
            values.put("dsc_path", dscPath(config.identity(), source, values));
        }
    }

    /** Architecture → the build logs of the installed uploads (newest first), relative to the events directory. */
    private Map<String, List<String>> buildlogs(List<Event> installed) {
        var logs = new LinkedHashMap<String, List<String>>();
        for (var event : installed) {
            if (event.extra().get("buildresults") instanceof Map<?, ?> results) {
                results.forEach((arch, fields) -> {
                    if (fields instanceof Map<?, ?> values && values.get("buildlog") instanceof String log
                            && Files.isRegularFile(home.events().resolve(log))) {
                        logs.computeIfAbsent(arch.toString(), a -> new ArrayList<>()).add(log);
                    }
                });
            }
        }
        return logs;
    }

    /**
     * Migrates {@code source} from {@code distribution} to the suite it migrates to ({@code full}: on to the end),
     * with its binaries; the target's version shifts into its rollbacks. {@code version} may name a version of one
     * of the distribution's rollbacks. Unless {@code force}, the binaries must be installable in each target that
     * is not experimental. Every step is checked before the first one is made. From a rollback distribution, as in
     * mini-buildd, this restores the rollback's version into its own distribution.
     *
     * @return the distributions migrated to, in order
     */
    public List<String> migrate(String source, String distribution, boolean full, String version, boolean force) {
        var dist = distribution(distribution);
        var config = config(dist.repository());
        // Checked and done under the repository's lock: two staff migrating the same source at once get one MIGRATED
        // and one "already migrated", never two copies racing through the rollbacks.
        return packages.locked(config.identity(), () -> migrateLocked(config, dist, source, distribution, full, version, force));
    }

    private List<String> migrateLocked(RepositoryConfig config, DistributionString dist, String source, String distribution,
                                       boolean full, String version, boolean force) {
        if (dist.isRollback()) {
            return List.of(restore(config, source, dist, version));
        }
        var suite = suite(config, dist.suite());
        if (suite.migratesTo() == null || suite.migratesTo().isBlank()) {
            throw new MaintenanceException("You can't migrate from " + distribution + ": suite " + suite.suite() + " does not migrate");
        }
        var listing = listing(config.identity(), source, false);
        var from = resolve(config, dist, source, version, listing);
        var steps = new ArrayList<String>();
        var verdicts = new LinkedHashMap<String, InstallabilityGate.Verdict>();
        while (suite.migratesTo() != null && !suite.migratesTo().isBlank()) {
            var target = config.diststr(dist.codename(), suite.migratesTo());
            if (steps.contains(target)) {
                break;   // a layout whose suites migrate in a circle: once round is all
            }
            if (listing.stream().anyMatch(l -> l.distribution().equals(target) && l.version().equals(from.version()))) {
                throw new MaintenanceException("Version " + from.version() + " of " + source + " already migrated to " + target);
            }
            suite = suite(config, suite.migratesTo());
            if (!suite.experimental()) {
                var verdict = gate.check(config, from.distribution(), target, source, from.version());
                if (!verdict.installable() && !force) {
                    throw new MaintenanceException(source + " " + from.version() + " is not installable in " + target
                            + " (force=true migrates anyway): " + String.join("; ", verdict.unsatisfied()));
                }
                verdicts.put(target, verdict);
            }
            steps.add(target);
            if (!full) {
                break;
            }
        }
        var previous = from.distribution();
        for (var target : steps) {
            migrated(config, previous, target, source, from, force, verdicts.get(target));
            previous = target;
        }
        return steps;
    }

    /**
     * Copies one version from a distribution to another and tells it with a MIGRATED event, which records what the
     * installability check found ({@code verdict}; null: not checked).
     */
    private void migrated(RepositoryConfig config, String from, String target, String source, PackageListing version,
                          boolean force, InstallabilityGate.Verdict verdict) {
        try {
            packages.migrate(config.identity(), from, target, source, version.version());
        } catch (RepositoryException e) {
            throw new MaintenanceException("migrating " + source + " " + version.version() + " from " + from + " to "
                    + target + " failed: " + e.getMessage());
        }
        var extra = new LinkedHashMap<String, Object>();
        extra.put("architecture", "source");
        extra.put("component", version.component());
        extra.put("migrated_from", from);
        extra.put("forced", force);
        if (verdict != null && !verdict.installable()) {
            extra.put("unsatisfied", verdict.unsatisfied());
        }
        if (verdict != null && !verdict.targetOnly().isEmpty()) {
            extra.put("installability_checked_without_debian", verdict.targetOnly());
        }
        events.log(EventType.MIGRATED, target, source, version.version(), extra);
    }

    /**
     * mini-buildd's rollback restore (a migrate from a rollback distribution): the rollback's version goes back into
     * its distribution, which must not have the source (remove it first).
     */
    private String restore(RepositoryConfig config, String source, DistributionString rollback, String version) {
        suite(config, rollback.suite());
        var target = rollback.withoutRollback().toString();
        var listing = listing(config.identity(), source, false);
        listing.stream().filter(l -> l.distribution().equals(target)).findFirst().ifPresent(l -> {
            throw new MaintenanceException(source + " " + l.version() + " is in " + target + ": remove it first to restore the rollback "
                    + rollback + " (a rollback distribution is migrated back into its own distribution)");
        });
        var from = resolve(config, rollback, source, version, listing);
        migrated(config, rollback.toString(), target, source, from, false, null);
        return target;
    }

    /**
     * Removes {@code source} from {@code distribution} (a distribution or one of its rollbacks) with its binaries.
     * From a distribution, the removed version shifts into its rollbacks unless {@code withoutRollback}.
     *
     * @return the version removed
     */
    public String remove(String source, String distribution, boolean withoutRollback, String version) {
        var dist = distribution(distribution);
        var config = config(dist.repository());
        return packages.locked(config.identity(), () -> removeLocked(config, dist, source, distribution, withoutRollback, version));
    }

    private String removeLocked(RepositoryConfig config, DistributionString dist, String source, String distribution,
                                boolean withoutRollback, String version) {
        suite(config, dist.suite());
        var listing = listing(config.identity(), source, false);
        var removed = listing.stream().filter(l -> l.distribution().equals(distribution))
                .filter(l -> version == null || version.isBlank() || l.version().equals(version)).findFirst()
                .orElseThrow(() -> new MaintenanceException("No such source: " + source + "_" + (version == null || version.isBlank()
                        ? "any" : version) + " is not in " + distribution));
        try {
            packages.remove(config.identity(), distribution, source, removed.version(), withoutRollback);
        } catch (RepositoryException e) {
            throw new MaintenanceException("removing " + source + " " + removed.version() + " from " + distribution
                    + " failed: " + e.getMessage());
        }
        var extra = new LinkedHashMap<String, Object>();
        extra.put("architecture", "source");
        extra.put("component", removed.component());
        extra.put("without_rollback", withoutRollback || dist.isRollback());
        events.log(EventType.REMOVED, distribution, source, removed.version(), extra);
        return removed.version();
    }

    /** The version to migrate: from the distribution itself, or (with a version it does not have) from a rollback. */
    private static PackageListing resolve(RepositoryConfig config, DistributionString dist, String source, String version,
                                          List<PackageListing> listing) {
        var diststr = dist.toString();
        var wanted = version == null || version.isBlank() ? null : version;
        return listing.stream().filter(l -> l.distribution().equals(diststr))
                .filter(l -> wanted == null || l.version().equals(wanted)).findFirst()
                .or(() -> wanted == null ? java.util.Optional.empty() : listing.stream()
                        .filter(l -> l.isRollback() && DistributionString.parse(l.distribution()).withoutRollback().toString().equals(diststr))
                        .filter(l -> l.version().equals(wanted)).findFirst())
                .orElseThrow(() -> new MaintenanceException("No such source: " + source + "_" + (wanted == null ? "any" : wanted)
                        + " is not in " + diststr + (wanted == null ? "" : " nor in its rollbacks")
                        + " of repository " + config.identity()));
    }

    private List<String> identities(SourceQuery query) {
        var all = repositories.all().stream().map(RepositoryService.Summary::identity).toList();
        for (var wanted : query.repositories()) {
            if (!all.contains(wanted)) {
                throw new MaintenanceException("there is no repository \"" + wanted + "\" (there are: " + String.join(", ", all) + ")");
            }
        }
        return query.repositories().isEmpty() ? all : all.stream().filter(query.repositories()::contains).toList();
    }

    /**
     * The source's entries in one repository; a repository not prepared on disk has none. {@code exported}: from the
     * indices apt sees (fast, for reading), else from reprepro's database (for the checks before a change).
     */
    private List<PackageListing> listing(String identity, String source, boolean exported) {
        try {
            return exported ? packages.lsExported(identity, source) : packages.lsSource(identity, source);
        } catch (RepositoryException e) {
            if (e.getMessage().contains("is not prepared")) {
                return List.of();
            }
            throw new MaintenanceException("cannot list " + source + " in repository " + identity + ": " + e.getMessage());
        }
    }

    private static boolean matches(PackageListing l, SourceQuery query, Version minVersion) {
        var dist = DistributionString.isValid(l.distribution()) ? DistributionString.parse(l.distribution()) : null;
        return dist != null && (query.codenames().isEmpty() || query.codenames().contains(dist.codename()))
                && (query.version().isEmpty() || query.version().equals(l.version()))
                && (minVersion == null || Version.parse(l.version()).compareTo(minVersion) >= 0);
    }

    private static Map<String, Object> values(PackageListing l) {
        var values = new LinkedHashMap<String, Object>();
        values.put("version", l.version());
        values.put("component", l.component());
        values.put("architecture", l.architecture());
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rollbacks(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("rollbacks");
    }

    private String dscPath(String identity, String source, Map<String, Object> values) {
        return packages.dscPath(identity, (String) values.get("component"), source, (String) values.get("version")).orElse(null);
    }

    private RepositoryConfig config(String identity) {
        return repositories.config(identity).orElseThrow(() -> new MaintenanceException("there is no repository \"" + identity + "\""));
    }

    private static Layout.SuiteOption suite(RepositoryConfig config, String suite) {
        return config.layout().suite(suite).orElseThrow(() -> new MaintenanceException(
                "repository " + config.identity() + " has no suite " + suite));
    }

    private static DistributionString distribution(String text) {
        try {
            return DistributionString.parse(text);
        } catch (DebianFormatException e) {
            throw new MaintenanceException(e.getMessage());
        }
    }

    private static Version version(String text) {
        try {
            return Version.parse(text);
        } catch (DebianFormatException e) {
            throw new MaintenanceException(e.getMessage());
        }
    }
}
