package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.DAEMON;
import static org.minibuildd.db.Tables.DISTRIBUTION;
import static org.minibuildd.db.Tables.DISTRIBUTION_ARCHITECTURE;
import static org.minibuildd.db.Tables.DISTRIBUTION_COMPONENT;
import static org.minibuildd.db.Tables.DISTRIBUTION_EXTRA_SOURCE;
import static org.minibuildd.db.Tables.PRIORITY_SOURCE;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.REPOSITORY_DISTRIBUTION;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SOURCE_ARCHIVE;
import static org.minibuildd.db.Tables.SOURCE_COMPONENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.config.RepositoryConfig;
import org.springframework.stereotype.Repository;

/** Reads what a repository on disk is made from. */
@Repository
public class RepositoryConfigStore {

    private static final List<String> DEBIAN_COMPONENTS = List.of("main", "contrib", "non-free", "non-free-firmware");

    private final DSLContext db;
    private final UploaderStore uploaders;

    RepositoryConfigStore(DSLContext db, UploaderStore uploaders) {
        this.db = db;
        this.uploaders = uploaders;
    }

    public record Row(String identity, String layout, boolean allowUnauthenticatedUploads) { }

    public Optional<Row> repository(String identity) {
        return db.select(REPOSITORY.IDENTITY, REPOSITORY.LAYOUT, REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS)
                .from(REPOSITORY).where(REPOSITORY.IDENTITY.eq(identity))
                .fetchOptional(r -> new Row(r.value1(), r.value2(), r.value3()));
    }

    /**
     * The armored keys of the active Uploaders that may upload to the repository, and the repository's extra
     * uploader keyring files (one path per line, as mini-buildd takes them).
     */
    public record UploaderKeys(List<String> armored, List<String> extraKeyrings) { }

    public UploaderKeys uploaderKeys(String identity) {
        var armored = uploaders.activeKeys(identity).stream().map(UploaderStore.ActiveKey::armored).toList();
        var extra = db.select(REPOSITORY.EXTRA_UPLOADER_KEYRINGS).from(REPOSITORY).where(REPOSITORY.IDENTITY.eq(identity))
                .fetchOptional(REPOSITORY.EXTRA_UPLOADER_KEYRINGS).orElse("");
        return new UploaderKeys(armored, extra.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    /** The codeversion (e.g. {@code 12}) a prepared Source of this codename recorded, or empty. */
    public String codeversion(String codename) {
        return db.select(SOURCE.CODEVERSION_OVERRIDE, SOURCE.CODEVERSION).from(SOURCE).where(SOURCE.CODENAME.eq(codename))
                .orderBy(SOURCE.ID).fetch().stream()
                .map(r -> r.value1().isBlank() ? r.value2() : r.value1()).filter(v -> !v.isBlank()).findFirst().orElse("");
    }

    /** The repository's distributions, by codename. */
    public List<RepositoryConfig.Distribution> distributions(String identity) {
        var rows = db.select(DISTRIBUTION.ID, SOURCE.CODENAME, SOURCE.ID).from(REPOSITORY_DISTRIBUTION)
                .join(DISTRIBUTION).on(DISTRIBUTION.ID.eq(REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID))
                .join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID))
                .where(REPOSITORY_DISTRIBUTION.REPOSITORY.eq(identity)).orderBy(SOURCE.CODENAME).fetch();
        var result = new ArrayList<RepositoryConfig.Distribution>();
        for (var row : rows) {
            long id = row.value1();
            var components = sortedComponents(db.select(DISTRIBUTION_COMPONENT.COMPONENT).from(DISTRIBUTION_COMPONENT)
                    .where(DISTRIBUTION_COMPONENT.DISTRIBUTION_ID.eq(id)).fetch(DISTRIBUTION_COMPONENT.COMPONENT));
            var architectures = db.selectFrom(DISTRIBUTION_ARCHITECTURE).where(DISTRIBUTION_ARCHITECTURE.DISTRIBUTION_ID.eq(id))
                    .orderBy(DISTRIBUTION_ARCHITECTURE.ARCHITECTURE).fetch();
            result.add(new RepositoryConfig.Distribution(row.value2(), components,
                    architectures.map(a -> a.getArchitecture()),
                    architectures.stream().filter(a -> a.getBuildArchitectureAll()).map(a -> a.getArchitecture()).findFirst().orElse(""),
                    architectures.stream().filter(a -> !a.getOptional()).map(a -> a.getArchitecture()).toList(),
                    aptSource(row.value3(), components, 0), extras(id, components)));
        }
        return result;
    }

    private List<RepositoryConfig.AptSource> extras(long distributionId, List<String> components) {
        return db.select(PRIORITY_SOURCE.SOURCE_ID, PRIORITY_SOURCE.PRIORITY).from(DISTRIBUTION_EXTRA_SOURCE)
                .join(PRIORITY_SOURCE).on(PRIORITY_SOURCE.ID.eq(DISTRIBUTION_EXTRA_SOURCE.PRIORITY_SOURCE_ID))
                .join(SOURCE).on(SOURCE.ID.eq(PRIORITY_SOURCE.SOURCE_ID))
                .where(DISTRIBUTION_EXTRA_SOURCE.DISTRIBUTION_ID.eq(distributionId)).orderBy(SOURCE.CODENAME)
                .fetch(r -> aptSource(r.value1(), components, r.value2()));
    }

    /** The source's first archive and the distribution's components it carries (all of them before a prepare). */
    private RepositoryConfig.AptSource aptSource(long sourceId, List<String> components, int priority) {
        var archive = db.select(SOURCE_ARCHIVE.ARCHIVE_URL).from(SOURCE_ARCHIVE).where(SOURCE_ARCHIVE.SOURCE_ID.eq(sourceId))
                .orderBy(SOURCE_ARCHIVE.ARCHIVE_URL).limit(1).fetchOptional(SOURCE_ARCHIVE.ARCHIVE_URL).orElse("");
        // The security archive's Release names its components updates/main, …: apt lines name them main, ….
        var carried = db.select(SOURCE_COMPONENT.COMPONENT).from(SOURCE_COMPONENT).where(SOURCE_COMPONENT.SOURCE_ID.eq(sourceId))
                .fetch(SOURCE_COMPONENT.COMPONENT).stream().map(c -> c.substring(c.lastIndexOf('/') + 1)).toList();
        var codename = db.select(SOURCE.CODENAME).from(SOURCE).where(SOURCE.ID.eq(sourceId)).fetchOne(SOURCE.CODENAME);
        return new RepositoryConfig.AptSource(archive, codename,
                carried.isEmpty() ? components : components.stream().filter(carried::contains).toList(), priority);
    }

    /** The Daemon's custom archive origin; empty for mini-buildd's default. */
    public String customOrigin() {
        return db.select(DAEMON.CUSTOM_ARCHIVE_ORIGIN).from(DAEMON).fetchOptional(DAEMON.CUSTOM_ARCHIVE_ORIGIN).orElse("");
    }

    /** Debian's components first, in Debian's order, then any others sorted. */
    static List<String> sortedComponents(List<String> components) {
        var sorted = new ArrayList<String>();
        DEBIAN_COMPONENTS.stream().filter(components::contains).forEach(sorted::add);
        components.stream().filter(c -> !DEBIAN_COMPONENTS.contains(c)).sorted().forEach(sorted::add);
        return sorted;
    }
}
