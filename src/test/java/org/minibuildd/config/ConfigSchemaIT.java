package org.minibuildd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.ARCHITECTURE;
import static org.minibuildd.db.Tables.CHROOT;
import static org.minibuildd.db.Tables.REPOSITORY;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SUITE_OPTION;

import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.minibuildd.support.DaemonIT;
import org.springframework.beans.factory.annotation.Autowired;

/** The configuration schema on the real PostgreSQL cluster: shipped layouts and the rules the database enforces. */
class ConfigSchemaIT extends DaemonIT {

    @Autowired
    LayoutService layouts;

    @Autowired
    DSLContext db;

    @Test
    void defaultLayoutHasPRODUCTsSuitesExactly() {
        var layout = layouts.find("Default").orElseThrow();
        assertThat(layout.suites()).extracting(Layout.SuiteOption::suite)
                .containsExactly("stable", "hotfix", "testing", "unstable", "snapshot", "experimental");
        assertThat(layout.suites()).containsExactly(
                new Layout.SuiteOption("stable", false, false, null, 6, false, true, true),
                new Layout.SuiteOption("hotfix", true, false, "stable", 4, false, true, true),
                new Layout.SuiteOption("testing", false, false, "stable", 3, false, true, true),
                new Layout.SuiteOption("unstable", true, false, "testing", 9, true, true, true),
                new Layout.SuiteOption("snapshot", true, true, null, 12, false, true, true),
                new Layout.SuiteOption("experimental", true, true, null, 6, false, true, false));
        assertThat(layout.mandatoryVersionRegex()).isEqualTo("~%IDENTITY%%CODEVERSION%\\+[1-9]");
        assertThat(layout.experimentalMandatoryVersionRegex()).isEqualTo("~%IDENTITY%%CODEVERSION%\\+0");
        assertThat(layout.defaultVersion()).isEqualTo("~%IDENTITY%%CODEVERSION%+1");
        assertThat(layout.metaDistributions()).isEmpty();
    }

    @Test
    void noRollbacksAndDebianDeveloperLayouts() {
        assertThat(layouts.find("Default (no rollbacks)").orElseThrow().suites())
                .hasSize(6).allSatisfy(s -> assertThat(s.rollback()).isZero());
        var debdev = layouts.find("Debian Developer").orElseThrow();
        assertThat(debdev.suites()).extracting(Layout.SuiteOption::suite)
                .containsExactly("stable", "testing", "unstable", "experimental");
        assertThat(debdev.mandatoryVersionRegex()).isEqualTo(".*");
        assertThat(debdev.experimentalMandatoryVersionRegex()).isEqualTo(".*");
        assertThat(debdev.metaDistributions())
                .isEqualTo(Map.of("unstable", "sid-unstable", "experimental", "sid-experimental"));
        assertThat(layouts.all()).extracting(Layout::name)
                .containsExactly("Debian Developer", "Default", "Default (no rollbacks)");
    }

    @Test
    void theDatabaseRefusesBrokenConfiguration() {
        // A chroot for an architecture nobody declared.
        assertThatThrownBy(() -> db.insertInto(CHROOT, CHROOT.SOURCE_ID, CHROOT.ARCHITECTURE).values(424242L, "amd64").execute())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
                .hasMessageContaining("chroot_source_fk");
        // Identifiers must follow Debian's rules.
        assertThatThrownBy(() -> db.insertInto(ARCHITECTURE, ARCHITECTURE.NAME).values("AMD 64").execute())
                .hasMessageContaining("architecture_name_syntax");
        assertThatThrownBy(() -> db.insertInto(SOURCE, SOURCE.ORIGIN, SOURCE.CODENAME).values("Debian", "Book-Worm").execute())
                .hasMessageContaining("source_codename_syntax");
        assertThatThrownBy(() -> db.insertInto(REPOSITORY, REPOSITORY.IDENTITY, REPOSITORY.LAYOUT).values("test", "No Such Layout").execute())
                .hasMessageContaining("repository_layout_fk");
        assertThatThrownBy(() -> db.insertInto(REPOSITORY, REPOSITORY.IDENTITY, REPOSITORY.LAYOUT).values("Te_st", "Default").execute())
                .hasMessageContaining("repository_identity_syntax");
        // Rollbacks are bounded; experimental suites do not migrate.
        assertThatThrownBy(() -> db.update(SUITE_OPTION).set(SUITE_OPTION.ROLLBACK, 1000)
                .where(SUITE_OPTION.LAYOUT.eq("Default")).execute()).hasMessageContaining("suite_option_rollback_range");
        assertThatThrownBy(() -> db.update(SUITE_OPTION).set(SUITE_OPTION.MIGRATES_TO, "stable")
                .where(SUITE_OPTION.LAYOUT.eq("Default"), SUITE_OPTION.SUITE.eq("experimental")).execute())
                .hasMessageContaining("suite_option_experimental_no_migration");
        // Duplicate sources are refused.
        db.insertInto(SOURCE, SOURCE.ORIGIN, SOURCE.CODENAME).values("Schema", "dup").execute();
        assertThatThrownBy(() -> db.insertInto(SOURCE, SOURCE.ORIGIN, SOURCE.CODENAME).values("Schema", "dup").execute())
                .hasMessageContaining("source_origin_codename_unique");
        // Status columns hold only the lifecycle's values.
        assertThatThrownBy(() -> db.update(SOURCE).set(SOURCE.STATUS, (short) 7).where(SOURCE.CODENAME.eq("dup")).execute())
                .hasMessageContaining("source_status");
        assertThatThrownBy(() -> db.update(SOURCE).set(SOURCE.CHECK_STATE, "checked").where(SOURCE.CODENAME.eq("dup")).execute())
                .hasMessageContaining("source_checked_when");
        assertThat(List.of(db.fetchCount(SOURCE, SOURCE.CODENAME.eq("dup")))).containsExactly(1);
    }
}
