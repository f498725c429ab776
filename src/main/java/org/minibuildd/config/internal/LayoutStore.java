package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.LAYOUT;
import static org.minibuildd.db.Tables.SUITE_OPTION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.minibuildd.config.Layout;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class LayoutStore {

    private static final TypeReference<LinkedHashMap<String, String>> META = new TypeReference<>() { };

    private final DSLContext db;
    private final JsonMapper json;

    LayoutStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Layouts by name; suites in their display order (stable first, as mini-buildd lists them). */
    public List<Layout> all() {
        var suites = db.selectFrom(SUITE_OPTION).orderBy(SUITE_OPTION.POSITION, SUITE_OPTION.SUITE).fetchGroups(SUITE_OPTION.LAYOUT, r -> new Layout.SuiteOption(
                r.getSuite(), r.getUploadable(), r.getExperimental(), r.getMigratesTo(), r.getRollback(),
                r.getBuildKeyringPackage(), r.getNotAutomatic(), r.getButAutomaticUpgrades()));
        return db.selectFrom(LAYOUT).orderBy(LAYOUT.NAME).fetch(r -> new Layout(r.getName(),
                suites.getOrDefault(r.getName(), List.of()), r.getDefaultVersion(), r.getMandatoryVersionRegex(),
                r.getExperimentalDefaultVersion(), r.getExperimentalMandatoryVersionRegex(),
                meta(r.getMetaDistributions().data())));
    }

    private Map<String, String> meta(String text) {
        return json.readValue(text, META);
    }
}
