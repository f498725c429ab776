package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.DISTRIBUTION;
import static org.minibuildd.db.Tables.DISTRIBUTION_COMPONENT;
import static org.minibuildd.db.Tables.DISTRIBUTION_EXTRA_SOURCE;
import static org.minibuildd.db.Tables.PRIORITY_SOURCE;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SOURCE_APT_KEY;
import static org.minibuildd.db.Tables.SOURCE_ARCHIVE;
import static org.minibuildd.db.Tables.SOURCE_COMPONENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.config.ChrootConfig;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.Status;
import org.springframework.stereotype.Repository;

/** Reads Chroot rows with what their Source recorded, for the builder. */
@Repository
public class ChrootStore {

    /** apt takes updates by default from sources pinned at 500 or more (security); backports (1) stay opt-in. */
    private static final int DEFAULT_APT_PRIORITY = 500;

    private final DSLContext db;

    ChrootStore(DSLContext db) {
        this.db = db;
    }

    public List<ObjectRef> all() {
        return db.select(SOURCE.CODENAME, CHROOT.ARCHITECTURE).from(CHROOT).join(SOURCE).on(SOURCE.ID.eq(CHROOT.SOURCE_ID))
                .orderBy(SOURCE.CODENAME, CHROOT.ARCHITECTURE)
                .fetch(r -> new ObjectRef(ObjectType.CHROOT, r.value1() + ":" + r.value2()));
    }

    /** {@code <codename>:<arch>} of the ACTIVE chroots: what this instance can build in. */
    public List<String> activeKeys() {
        return db.select(SOURCE.CODENAME, CHROOT.ARCHITECTURE).from(CHROOT).join(SOURCE).on(SOURCE.ID.eq(CHROOT.SOURCE_ID))
                .where(CHROOT.STATUS.eq((short) Status.ACTIVE.ordinal()))
                .orderBy(SOURCE.CODENAME, CHROOT.ARCHITECTURE)
                .fetch(r -> r.value1() + ":" + r.value2());
    }

    public Optional<ChrootConfig> chroot(String codename, String architecture) {
        var row = db.select(CHROOT.fields()).select(SOURCE.ORIGIN, SOURCE.CODENAME).from(CHROOT)
                .join(SOURCE).on(SOURCE.ID.eq(CHROOT.SOURCE_ID))
                .where(SOURCE.CODENAME.eq(codename), CHROOT.ARCHITECTURE.eq(architecture))
                .orderBy(SOURCE.ID).limit(1).fetchOptional();
        return row.map(r -> {
            long sourceId = r.get(CHROOT.SOURCE_ID);
            var source = new SourceRef(r.get(SOURCE.ORIGIN), r.get(SOURCE.CODENAME));
            var components = components(sourceId);
            return new ChrootConfig(source, architecture, r.get(CHROOT.BACKEND), r.get(CHROOT.DEBOOTSTRAP_COMMAND),
                    r.get(CHROOT.DEBOOTSTRAP_EXTRA_OPTIONS), r.get(CHROOT.PERSONALITY_OVERRIDE), archives(sourceId),
                    components, aptKeys(sourceId), extraSources(sourceId, components, true),
                    extraSources(sourceId, components, false));
        });
    }

    private List<String> archives(long sourceId) {
        return db.select(SOURCE_ARCHIVE.ARCHIVE_URL).from(SOURCE_ARCHIVE).where(SOURCE_ARCHIVE.SOURCE_ID.eq(sourceId))
                .orderBy(SOURCE_ARCHIVE.ARCHIVE_URL).fetch(SOURCE_ARCHIVE.ARCHIVE_URL);
    }

    private List<String> aptKeys(long sourceId) {
        return db.select(APT_KEY.KEY_ARMORED).from(APT_KEY).join(SOURCE_APT_KEY).on(SOURCE_APT_KEY.APT_KEY_ID.eq(APT_KEY.ID))
                .where(SOURCE_APT_KEY.SOURCE_ID.eq(sourceId)).orderBy(APT_KEY.KEY_ID).fetch(APT_KEY.KEY_ARMORED);
    }

    /** The distribution's components the Source has; {@code main} when no distribution builds on it. */
    private List<String> components(long sourceId) {
        var ofDistribution = db.select(DISTRIBUTION_COMPONENT.COMPONENT).from(DISTRIBUTION_COMPONENT)
                .join(DISTRIBUTION).on(DISTRIBUTION.ID.eq(DISTRIBUTION_COMPONENT.DISTRIBUTION_ID))
                .join(SOURCE_COMPONENT).on(SOURCE_COMPONENT.SOURCE_ID.eq(DISTRIBUTION.BASE_SOURCE_ID)
                        .and(SOURCE_COMPONENT.COMPONENT.eq(DISTRIBUTION_COMPONENT.COMPONENT)))
                .where(DISTRIBUTION.BASE_SOURCE_ID.eq(sourceId)).orderBy(DISTRIBUTION_COMPONENT.COMPONENT)
                .fetch(DISTRIBUTION_COMPONENT.COMPONENT);
        return ofDistribution.isEmpty() ? List.of("main") : ofDistribution;
    }

    /**
     * The extra sources of the distributions built on the Source: those at apt's default priority or above
     * ({@code upgrade}: the base takes updates from them), or those below (the base only keeps their lists).
     */
    private List<String> extraSources(long sourceId, List<String> components, boolean upgrade) {
        var priority = upgrade ? PRIORITY_SOURCE.PRIORITY.ge(DEFAULT_APT_PRIORITY) : PRIORITY_SOURCE.PRIORITY.lt(DEFAULT_APT_PRIORITY);
        var extras = db.selectDistinct(SOURCE.ID, SOURCE.CODENAME).from(PRIORITY_SOURCE)
                .join(DISTRIBUTION_EXTRA_SOURCE).on(DISTRIBUTION_EXTRA_SOURCE.PRIORITY_SOURCE_ID.eq(PRIORITY_SOURCE.ID))
                .join(DISTRIBUTION).on(DISTRIBUTION.ID.eq(DISTRIBUTION_EXTRA_SOURCE.DISTRIBUTION_ID))
                .join(SOURCE).on(SOURCE.ID.eq(PRIORITY_SOURCE.SOURCE_ID))
                .where(DISTRIBUTION.BASE_SOURCE_ID.eq(sourceId), priority)
                .orderBy(SOURCE.CODENAME).fetch();
        var lines = new ArrayList<String>();
        for (var extra : extras) {
            var archives = archives(extra.value1());
            if (!archives.isEmpty()) {
                lines.add("deb " + archives.getFirst() + " " + extra.value2() + " " + String.join(" ", components));
            }
        }
        return lines;
    }
}
