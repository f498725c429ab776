package org.minibuildd.config.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.internal.SetupArguments.CodenameArchs;
import org.minibuildd.config.internal.SetupArguments.RepositorySpec;
import org.springframework.stereotype.Component;

/**
 * Sets up what a plan comes to, in mini-buildd's order — Daemon, archives, archive keys, sources, distributions
 * (with their security and backports sources), repositories, chroots, then the objects of other modules — and
 * leaves out what builds on a source that did not come into use.
 */
@Component
public class SetupExecutor {

    static final String ORIGIN = SetupArguments.ORIGIN;
    static final String BACKPORTS_ORIGIN = "Debian Backports";
    static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-keyring.gpg");
    /** Debian's components in Debian's order: a distribution gets those its Release has, as mini-buildd's setup does. */
    private static final List<String> COMPONENTS = List.of("main", "contrib", "non-free", "non-free-firmware");
    private static final ObjectRef DAEMON = new ObjectRef(ObjectType.DAEMON, "daemon");

    private final ConfigActions actions;
    private final SetupStore store;
    private final SourceStore sources;
    private final AptKeyStore aptKeys;
    private final DistributionStore distributions;

    SetupExecutor(ConfigActions actions, SetupStore store, SourceStore sources, AptKeyStore aptKeys,
                  DistributionStore distributions) {
        this.actions = actions;
        this.store = store;
        this.sources = sources;
        this.aptKeys = aptKeys;
        this.distributions = distributions;
    }

    public SetupReport execute(SetupPlan plan) {
        var run = new SetupRun(actions, plan.update(), plan.pca());
        run.visit("Daemon", plan.identity(), DAEMON, () -> true, () -> { }, "");
        plan.archives().forEach(url -> run.visit("Archive", url, null, () -> store.hasArchive(url), () -> sources.addArchive(url), ""));
        var keyIds = new ArrayList<String>();
        for (var key : plan.archiveKeys().split()) {
            var info = key.singleKey();
            keyIds.add(info.keyId());
            run.visit("AptKey", info.keyId() + " " + info.primaryUserId(), new ObjectRef(ObjectType.APT_KEY, info.keyId()),
                    () -> store.hasAptKey(info.keyId()), () -> aptKeys.add(info, key.exportArmored()), "");
        }
        var usable = new LinkedHashMap<String, Boolean>();
        for (var codename : plan.codenames()) {
            usable.put(codename, source(run, new SourceRef(ORIGIN, codename), keyIds));
        }
        for (var wanted : plan.distributions()) {
            if (usable.getOrDefault(wanted.codename(), false)) {
                distribution(run, wanted, keyIds);
            } else {
                run.leftOut("Distribution", wanted.codename(), "its source " + ORIGIN + " " + wanted.codename() + " is not active");
            }
        }
        plan.repositories().forEach(spec -> repository(run, spec));
        for (var wanted : plan.chroots()) {
            var source = new SourceRef(ORIGIN, wanted.codename());
            for (var arch : wanted.architectures()) {
                var name = wanted.codename() + ":" + arch;
                if (!usable.getOrDefault(wanted.codename(), false)) {
                    run.leftOut("Chroot", name, "its source " + source + " is not active");
                    continue;
                }
                run.visit("Chroot", name, new ObjectRef(ObjectType.CHROOT, name), () -> store.hasChroot(source, arch),
                        () -> distributions.addChroot(sources.id(source).orElseThrow(), arch, plan.backend()), "");
            }
        }
        for (var contributed : plan.contributed()) {
            var contribution = contributed.contribution();
            for (var name : contributed.names()) {
                run.visit(contribution.type(), name, contribution.object(name), () -> contribution.exists(name),
                        () -> contribution.write(name), "");
            }
        }
        return new SetupReport(plan.describe(), run.instances());
    }

    /** Visits the source; returns whether it is in use, so what builds on it can be set up. */
    private boolean source(SetupRun run, SourceRef source, List<String> keyIds) {
        return run.visit("Source", source.toString(), source.object(), () -> store.hasSource(source),
                () -> sources.add(source, keyIds), "").status() == SetupReport.InstanceStatus.ACTIVE;
    }

    private void distribution(SetupRun run, CodenameArchs wanted, List<String> keyIds) {
        var base = new SourceRef(ORIGIN, wanted.codename());
        var extras = new ArrayList<Long>();
        for (var extra : extraSources(wanted.codename())) {
            var name = extra.source() + " (priority " + extra.priority() + ")";
            if (!source(run, extra.source(), keyIds)) {
                run.leftOut("PrioritySource", name, "no archive carries a verifiable " + extra.source()
                        + ": the distribution " + wanted.codename() + " is set up without it");
                continue;
            }
            run.visit("PrioritySource", name, null, () -> store.hasPrioritySource(extra.source(), extra.priority()),
                    () -> extras.add(distributions.addPrioritySource(sources.id(extra.source()).orElseThrow(), extra.priority())), "");
        }
        run.visit("Distribution", wanted.codename(), null, () -> store.distribution(base).isPresent(), () -> {
            // The source is active here: its Release was fetched and verified when it was prepared.
            var release = sources.release(base);
            for (var arch : wanted.architectures()) {
                if (!release.architectures().contains(arch)) {
                    throw new ConfigException("distributions", "architecture " + arch + " is not in the Release of "
                            + base + " (it has " + String.join(", ", release.architectures()) + ")");
                }
            }
            distributions.addDistribution(sources.id(base).orElseThrow(), components(release.components()),
                    wanted.architectures(), extras);
        }, "architectures " + String.join(", ", wanted.architectures()));
    }

    private void repository(SetupRun run, RepositorySpec spec) {
        var ids = new ArrayList<Long>();
        for (var codename : spec.codenames()) {
            var id = store.distribution(new SourceRef(ORIGIN, codename));
            if (id.isEmpty()) {
                run.leftOut("Repository", spec.toString(), "there is no distribution " + codename);
                return;
            }
            ids.add(id.get());
        }
        // As in mini-buildd: "test" takes unsigned uploads, "debdev" takes uploads signed by Debian Developers.
        boolean sandbox = spec.identity().equals("test");
        var keyrings = spec.identity().equals("debdev") ? DEBIAN_KEYRING.toString() : "";
        var missingKeyring = !keyrings.isEmpty() && !Files.isReadable(DEBIAN_KEYRING)
                ? DEBIAN_KEYRING + " is missing: install debian-keyring, or no Debian Developer can upload; " : "";
        var note = (sandbox ? "uploads without signature allowed; " : "")
                + (keyrings.isEmpty() ? "" : "uploaders from " + keyrings + "; ") + missingKeyring
                + "served at /repositories/" + spec.identity() + "/";
        run.visit("Repository", spec.toString(), new ObjectRef(ObjectType.REPOSITORY, spec.identity()),
                () -> store.hasRepository(spec.identity()),
                () -> distributions.addRepository(spec.identity(), spec.layout(), ids, sandbox, keyrings), note);
    }

    static List<String> components(List<String> released) {
        var chosen = COMPONENTS.stream().filter(released::contains).toList();
        return chosen.isEmpty() ? List.of("main") : chosen;
    }

    /** An extra source of a distribution with its apt pin priority. */
    record Extra(SourceRef source, int priority) { }

    /**
     * Debian's extra sources, as mini-buildd sets them up: security updates wanted (priority 500), backports and
     * backports-sloppy (origin "Debian Backports") only on request (priority 1). Rolling codenames have none.
     */
    static List<Extra> extraSources(String codename) {
        if (List.of("sid", "unstable", "experimental").contains(codename)) {
            return List.of();
        }
        return List.of(new Extra(new SourceRef(ORIGIN, codename + "-security"), 500),
                new Extra(new SourceRef(BACKPORTS_ORIGIN, codename + "-backports"), 1),
                new Extra(new SourceRef(BACKPORTS_ORIGIN, codename + "-backports-sloppy"), 1));
    }
}
