package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.ARCHIVE;
import static org.minibuildd.db.Tables.DAEMON;
import static org.minibuildd.db.Tables.DISTRIBUTION;
import static org.minibuildd.db.Tables.LAYOUT;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.REPOSITORY_DISTRIBUTION;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SOURCE_APT_KEY;
import static org.minibuildd.db.Tables.SOURCE_ARCHIVE;

import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.minibuildd.config.DaemonSettings;
import org.minibuildd.config.DistributionSettings;
import org.minibuildd.config.RepositorySettings;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.SourceSettings;
import org.springframework.stereotype.Repository;

/** The editable columns of Daemon, Distribution, Repository and Source, read and written whole. */
@Repository
public class SettingsStore {

    private final DSLContext db;

    SettingsStore(DSLContext db) {
        this.db = db;
    }

    public DaemonSettings daemon() {
        return db.selectFrom(DAEMON).where(DAEMON.ID.eq((short) 1)).fetchOptional(r -> new DaemonSettings(
                r.getCustomArchiveOrigin(), r.getEmailAddress(), r.getAllowEmailsTo(), r.getFtpEndpoint(),
                r.getMaxParallelBuilds(), r.getExpireEventsDays(), r.getExpireBuildsDays()))
                .orElseThrow(() -> new IllegalStateException("the Daemon row does not exist"));
    }

    public void daemon(DaemonSettings s) {
        db.update(DAEMON).set(DAEMON.CUSTOM_ARCHIVE_ORIGIN, s.customArchiveOrigin()).set(DAEMON.EMAIL_ADDRESS, s.emailAddress())
                .set(DAEMON.ALLOW_EMAILS_TO, s.allowEmailsTo()).set(DAEMON.FTP_ENDPOINT, s.ftpEndpoint())
                .set(DAEMON.MAX_PARALLEL_BUILDS, s.maxParallelBuilds()).set(DAEMON.EXPIRE_EVENTS_DAYS, s.expireEventsDays())
                .set(DAEMON.EXPIRE_BUILDS_DAYS, s.expireBuildsDays()).where(DAEMON.ID.eq((short) 1)).execute();
    }

    private static Condition source(SourceRef source) {
        return SOURCE.ORIGIN.eq(source.origin()).and(SOURCE.CODENAME.eq(source.codename()));
    }

    public List<DistributionSettings> distributions() {
        return db.select(DISTRIBUTION.fields()).select(SOURCE.ORIGIN, SOURCE.CODENAME).from(DISTRIBUTION)
                .join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID)).orderBy(SOURCE.ORIGIN, SOURCE.CODENAME)
                .fetch(r -> {
                    var d = r.into(DISTRIBUTION);
                    return new DistributionSettings(new SourceRef(r.get(SOURCE.ORIGIN), r.get(SOURCE.CODENAME)),
                            d.getBuildDepResolver(), d.getSbuildConfigBlocks(), d.getSbuildSetupBlocks(), d.getLintianMode(),
                            d.getLintianExtraOptions(), d.getPiupartsMode(), d.getPiupartsExtraOptions(), d.getPiupartsRootArg(),
                            d.getAutopkgtestMode(), d.getInternalAptPriority(), d.getDebBuildOptions(), d.getDebBuildProfiles(),
                            d.getAddDepends());
                });
    }

    public Optional<Long> distributionId(SourceRef base) {
        return db.select(DISTRIBUTION.ID).from(DISTRIBUTION).join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID))
                .where(source(base)).fetchOptional(DISTRIBUTION.ID);
    }

    public void distribution(long id, DistributionSettings s) {
        db.update(DISTRIBUTION).set(DISTRIBUTION.BUILD_DEP_RESOLVER, s.buildDepResolver())
                .set(DISTRIBUTION.SBUILD_CONFIG_BLOCKS, s.sbuildConfigBlocks()).set(DISTRIBUTION.SBUILD_SETUP_BLOCKS, s.sbuildSetupBlocks())
                .set(DISTRIBUTION.LINTIAN_MODE, s.lintianMode()).set(DISTRIBUTION.LINTIAN_EXTRA_OPTIONS, s.lintianExtraOptions())
                .set(DISTRIBUTION.PIUPARTS_MODE, s.piupartsMode()).set(DISTRIBUTION.PIUPARTS_EXTRA_OPTIONS, s.piupartsExtraOptions())
                .set(DISTRIBUTION.PIUPARTS_ROOT_ARG, s.piupartsRootArg()).set(DISTRIBUTION.AUTOPKGTEST_MODE, s.autopkgtestMode())
                .set(DISTRIBUTION.INTERNAL_APT_PRIORITY, s.internalAptPriority())
                .set(DISTRIBUTION.DEB_BUILD_OPTIONS, s.debBuildOptions()).set(DISTRIBUTION.DEB_BUILD_PROFILES, s.debBuildProfiles())
                .set(DISTRIBUTION.ADD_DEPENDS, s.addDepends()).where(DISTRIBUTION.ID.eq(id)).execute();
    }

    /** Repositories that hold the distribution: they depend on it. */
    public List<String> repositoriesOfDistribution(long id) {
        return db.select(REPOSITORY_DISTRIBUTION.REPOSITORY).from(REPOSITORY_DISTRIBUTION)
                .where(REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID.eq(id)).orderBy(REPOSITORY_DISTRIBUTION.REPOSITORY)
                .fetch(REPOSITORY_DISTRIBUTION.REPOSITORY);
    }

    public List<RepositorySettings> repositories() {
        return db.selectFrom(REPOSITORY).orderBy(REPOSITORY.IDENTITY).fetch(r -> new RepositorySettings(r.getIdentity(),
                r.getLayout(), distributionsOf(r.getIdentity()), r.getAllowUnauthenticatedUploads(), r.getExtraUploaderKeyrings(),
                r.getNotifyAddresses(), r.getNotifyChangedBy(), r.getNotifyMaintainer(), r.getRepreproMorguedir(),
                r.getExternalHomeUrl()));
    }

    private List<SourceRef> distributionsOf(String identity) {
        return db.select(SOURCE.ORIGIN, SOURCE.CODENAME).from(REPOSITORY_DISTRIBUTION)
                .join(DISTRIBUTION).on(DISTRIBUTION.ID.eq(REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID))
                .join(SOURCE).on(SOURCE.ID.eq(DISTRIBUTION.BASE_SOURCE_ID))
                .where(REPOSITORY_DISTRIBUTION.REPOSITORY.eq(identity)).orderBy(SOURCE.ORIGIN, SOURCE.CODENAME)
                .fetch(r -> new SourceRef(r.value1(), r.value2()));
    }

    public boolean layoutExists(String name) {
        return db.fetchExists(LAYOUT, LAYOUT.NAME.eq(name));
    }

    public List<String> layouts() {
        return db.select(LAYOUT.NAME).from(LAYOUT).orderBy(LAYOUT.NAME).fetch(LAYOUT.NAME);
    }

    public void repository(RepositorySettings s, List<Long> distributionIds) {
        db.update(REPOSITORY).set(REPOSITORY.LAYOUT, s.layout())
                .set(REPOSITORY.ALLOW_UNAUTHENTICATED_UPLOADS, s.allowUnauthenticatedUploads())
                .set(REPOSITORY.EXTRA_UPLOADER_KEYRINGS, s.extraUploaderKeyrings()).set(REPOSITORY.NOTIFY_ADDRESSES, s.notifyAddresses())
                .set(REPOSITORY.NOTIFY_CHANGED_BY, s.notifyChangedBy()).set(REPOSITORY.NOTIFY_MAINTAINER, s.notifyMaintainer())
                .set(REPOSITORY.REPREPRO_MORGUEDIR, s.repreproMorguedir()).set(REPOSITORY.EXTERNAL_HOME_URL, s.externalHomeUrl())
                .where(REPOSITORY.IDENTITY.eq(s.identity())).execute();
        db.deleteFrom(REPOSITORY_DISTRIBUTION).where(REPOSITORY_DISTRIBUTION.REPOSITORY.eq(s.identity()),
                REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID.notIn(distributionIds)).execute();
        for (var id : distributionIds) {
            db.insertInto(REPOSITORY_DISTRIBUTION, REPOSITORY_DISTRIBUTION.REPOSITORY, REPOSITORY_DISTRIBUTION.DISTRIBUTION_ID)
                    .values(s.identity(), id).onConflictDoNothing().execute();
        }
    }

    public List<SourceSettings> sources() {
        return db.selectFrom(SOURCE).orderBy(SOURCE.ORIGIN, SOURCE.CODENAME).fetch(r -> {
            var ref = new SourceRef(r.getOrigin(), r.getCodename());
            return new SourceSettings(ref, r.getCodeversionOverride(), r.getCheckValidUntil(), r.getRemoveFromComponent(),
                    aptKeyIds(r.getId()));
        });
    }

    private List<String> aptKeyIds(long sourceId) {
        return db.select(APT_KEY.KEY_ID).from(SOURCE_APT_KEY).join(APT_KEY).on(APT_KEY.ID.eq(SOURCE_APT_KEY.APT_KEY_ID))
                .where(SOURCE_APT_KEY.SOURCE_ID.eq(sourceId)).orderBy(APT_KEY.KEY_ID).fetch(APT_KEY.KEY_ID);
    }

    public List<String> aptKeys() {
        return db.select(APT_KEY.KEY_ID).from(APT_KEY).orderBy(APT_KEY.KEY_ID).fetch(APT_KEY.KEY_ID);
    }

    public void source(long id, SourceSettings s) {
        db.update(SOURCE).set(SOURCE.CODEVERSION_OVERRIDE, s.codeversionOverride()).set(SOURCE.CHECK_VALID_UNTIL, s.checkValidUntil())
                .set(SOURCE.REMOVE_FROM_COMPONENT, s.removeFromComponent()).where(SOURCE.ID.eq(id)).execute();
        var keys = DSL.select(APT_KEY.ID).from(APT_KEY).where(APT_KEY.KEY_ID.in(s.aptKeyIds()));
        db.deleteFrom(SOURCE_APT_KEY).where(SOURCE_APT_KEY.SOURCE_ID.eq(id), SOURCE_APT_KEY.APT_KEY_ID.notIn(keys)).execute();
        db.insertInto(SOURCE_APT_KEY, SOURCE_APT_KEY.SOURCE_ID, SOURCE_APT_KEY.APT_KEY_ID)
                .select(db.select(DSL.val(id), APT_KEY.ID).from(APT_KEY).where(APT_KEY.KEY_ID.in(s.aptKeyIds())))
                .onConflictDoNothing().execute();
    }

    public boolean archiveExists(String url) {
        return db.fetchExists(ARCHIVE, ARCHIVE.URL.eq(url));
    }

    public void removeArchive(String url) {
        db.deleteFrom(ARCHIVE).where(ARCHIVE.URL.eq(url)).execute();
    }

    /** Sources whose last prepare read their Release from the archive. */
    public List<SourceRef> sourcesReadFrom(String url) {
        return db.select(SOURCE.ORIGIN, SOURCE.CODENAME).from(SOURCE).join(SOURCE_ARCHIVE).on(SOURCE_ARCHIVE.SOURCE_ID.eq(SOURCE.ID))
                .where(SOURCE_ARCHIVE.ARCHIVE_URL.eq(url)).orderBy(SOURCE.ORIGIN, SOURCE.CODENAME)
                .fetch(r -> new SourceRef(r.value1(), r.value2()));
    }
}
