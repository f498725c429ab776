package org.minibuildd.packager.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.builder.Builds;
import org.minibuildd.config.ChrootConfigService;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.remote.RemoteService;
import org.springframework.stereotype.Component;

/**
 * The builders an upload's builds can go to right now — this instance (its active chroots, its load) and every
 * Remote (the chroots and load of its {@code status}) — and the choice per architecture ({@link BuilderChoice}).
 * An architecture no builder can take rejects the upload: nothing would ever build it.
 */
@Component
class AvailableBuilders {

    private final InstanceService instances;
    private final Builds builds;
    private final ChrootConfigService chroots;
    private final RemoteService remotes;

    AvailableBuilders(InstanceService instances, Builds builds, ChrootConfigService chroots, RemoteService remotes) {
        this.instances = instances;
        this.builds = builds;
        this.chroots = chroots;
        this.remotes = remotes;
    }

    /** The builder per architecture of {@code codename}, in the order given. */
    Map<String, BuilderChoice.Builder> choose(String codename, List<String> architectures) {
        var described = new LinkedHashMap<BuilderChoice.Builder, String>();
        var instance = instances.instance();
        var load = builds.load();
        var local = new BuilderChoice.Builder(instance.url(), instance.incomingUrl(), load >= 0, load,
                new HashSet<>(chroots.activeKeys()), true);
        described.put(local, "this instance: " + (load < 0 ? "not building" : chrootsOf(local)));
        for (var remote : remotes.builders()) {
            var builder = new BuilderChoice.Builder(remote.url(), remote.incomingUrl(), remote.usable(), remote.load(),
                    new HashSet<>(remote.chroots()), false);
            described.put(builder, remote.url() + ": " + (remote.usable() ? chrootsOf(builder) : remote.problem()));
        }
        var candidates = List.copyOf(described.keySet());
        var chosen = new LinkedHashMap<String, BuilderChoice.Builder>();
        for (var arch : architectures) {
            var chroot = BuilderChoice.chroot(codename, arch);
            chosen.put(arch, BuilderChoice.choose(chroot, candidates)
                    .orElseThrow(() -> new Rejection("no active builder has a chroot for " + chroot + " ("
                            + String.join("; ", described.values()) + "): an administrator must prepare and activate the chroot "
                            + chroot + " here or on a Remote")));
        }
        return chosen;
    }

    private static String chrootsOf(BuilderChoice.Builder builder) {
        return builder.chroots().isEmpty() ? "no active chroots" : String.join(", ", builder.chroots().stream().sorted().toList());
    }
}
