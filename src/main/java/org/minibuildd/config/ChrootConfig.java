package org.minibuildd.config;

import java.util.List;

/**
 * What a Chroot is made from: its Source (with the archives and AptKeys the Source was prepared with), the
 * architecture, the backend and the debootstrap options.
 *
 * @param backend                 {@code Dir} (a directory, overlay snapshot sessions) or {@code File} (a tarball)
 * @param archives                archive URLs carrying the Source (from its last prepare), best first
 * @param components              the components the chroot's apt uses (the distribution's, else {@code main})
 * @param aptKeys                 armored public keys the Source's Release is signed with
 * @param upgradeSources          extra apt lines the base chroot is kept upgraded from (the distribution's
 *                                extra sources apt takes updates from by default, e.g. security updates)
 * @param listSources             extra apt lines the base only keeps the lists of, for builds, and never upgrades
 *                                from (the distribution's extra sources below apt's default priority, e.g. backports)
 */
public record ChrootConfig(SourceRef source, String architecture, String backend, String debootstrapCommand,
                           String debootstrapExtraOptions, String personalityOverride, List<String> archives,
                           List<String> components, List<String> aptKeys, List<String> upgradeSources,
                           List<String> listSources) {

    public ChrootConfig {
        archives = List.copyOf(archives);
        components = List.copyOf(components);
        aptKeys = List.copyOf(aptKeys);
        upgradeSources = List.copyOf(upgradeSources);
        listSources = List.copyOf(listSources);
    }

    public String codename() {
        return source.codename();
    }

    public ObjectRef object() {
        return new ObjectRef(ObjectType.CHROOT, source.codename() + ":" + architecture);
    }
}
