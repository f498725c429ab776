package org.minibuildd.config.internal;

import static org.minibuildd.db.Tables.APT_KEY;
import static org.minibuildd.db.Tables.ARCHITECTURE;
import static org.minibuildd.db.Tables.ARCHIVE;
import static org.minibuildd.db.Tables.COMPONENT;
import static org.minibuildd.db.Tables.SOURCE;
import static org.minibuildd.db.Tables.SOURCE_APT_KEY;
import static org.minibuildd.db.Tables.SOURCE_ARCHITECTURE;
import static org.minibuildd.db.Tables.SOURCE_ARCHIVE;
import static org.minibuildd.db.Tables.SOURCE_COMPONENT;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.minibuildd.config.SourceRef;
import org.springframework.stereotype.Repository;

/** Archives and Sources, with the Release data a prepared Source recorded. */
@Repository
public class SourceStore {

    /** What a Source's Release said, as recorded at its last prepare. */
    public record ReleaseData(List<String> archives, List<String> components, List<String> architectures,
                              String codeversion, String description) { }

    private final DSLContext db;

    SourceStore(DSLContext db) {
        this.db = db;
    }

    public void addArchive(String url) {
        db.insertInto(ARCHIVE, ARCHIVE.URL).values(url).onConflict(ARCHIVE.URL).doNothing().execute();
    }

    public List<String> archives() {
        return db.select(ARCHIVE.URL).from(ARCHIVE).orderBy(ARCHIVE.URL).fetch(ARCHIVE.URL);
    }

    /** Adds the source if it is new; returns whether it was. */
    public boolean add(SourceRef source, List<String> aptKeyIds) {
        var id = db.insertInto(SOURCE, SOURCE.ORIGIN, SOURCE.CODENAME).values(source.origin(), source.codename())
                .onConflict(SOURCE.ORIGIN, SOURCE.CODENAME).doNothing()
                .returning(SOURCE.ID).fetchOptional(SOURCE.ID);
        var sourceId = id.orElseGet(() -> id(source).orElseThrow());
        for (var keyId : aptKeyIds) {
            db.insertInto(SOURCE_APT_KEY, SOURCE_APT_KEY.SOURCE_ID, SOURCE_APT_KEY.APT_KEY_ID)
                    .select(db.select(org.jooq.impl.DSL.val(sourceId), APT_KEY.ID).from(APT_KEY).where(APT_KEY.KEY_ID.eq(keyId)))
                    .onConflictDoNothing().execute();
        }
        return id.isPresent();
    }

    public Optional<Long> id(SourceRef source) {
        return db.select(SOURCE.ID).from(SOURCE)
                .where(SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()))
                .fetchOptional(SOURCE.ID);
    }

    public Optional<SourceRef> byCodename(String codename) {
        return db.select(SOURCE.ORIGIN, SOURCE.CODENAME).from(SOURCE).where(SOURCE.CODENAME.eq(codename))
                .orderBy(SOURCE.ID).limit(1).fetchOptional(r -> new SourceRef(r.value1(), r.value2()));
    }

    public List<String> aptKeyIds(SourceRef source) {
        return db.select(APT_KEY.KEY_ID).from(APT_KEY).join(SOURCE_APT_KEY).on(SOURCE_APT_KEY.APT_KEY_ID.eq(APT_KEY.ID))
                .join(SOURCE).on(SOURCE.ID.eq(SOURCE_APT_KEY.SOURCE_ID))
                .where(SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()))
                .orderBy(APT_KEY.KEY_ID).fetch(APT_KEY.KEY_ID);
    }

    public String codeversionOverride(SourceRef source) {
        return db.select(SOURCE.CODEVERSION_OVERRIDE).from(SOURCE)
                .where(SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()))
                .fetchOne(SOURCE.CODEVERSION_OVERRIDE);
    }

    /** Whether a Release's Valid-Until is enforced (mini-buildd's default; off for frozen snapshot mirrors). */
    public boolean checkValidUntil(SourceRef source) {
        return db.select(SOURCE.CHECK_VALID_UNTIL).from(SOURCE)
                .where(SOURCE.ORIGIN.eq(source.origin()), SOURCE.CODENAME.eq(source.codename()))
                .fetchOne(SOURCE.CHECK_VALID_UNTIL);
    }

    public void recordRelease(SourceRef source, ReleaseData data) {
        long id = id(source).orElseThrow();
        clearRelease(source);
        data.components().forEach(c -> db.insertInto(COMPONENT, COMPONENT.NAME).values(c).onConflictDoNothing().execute());
        data.architectures().forEach(a -> db.insertInto(ARCHITECTURE, ARCHITECTURE.NAME).values(a).onConflictDoNothing().execute());
        data.archives().forEach(a -> db.insertInto(SOURCE_ARCHIVE, SOURCE_ARCHIVE.SOURCE_ID, SOURCE_ARCHIVE.ARCHIVE_URL).values(id, a).execute());
        data.components().forEach(c -> db.insertInto(SOURCE_COMPONENT, SOURCE_COMPONENT.SOURCE_ID, SOURCE_COMPONENT.COMPONENT).values(id, c).execute());
        data.architectures().forEach(a -> db.insertInto(SOURCE_ARCHITECTURE, SOURCE_ARCHITECTURE.SOURCE_ID, SOURCE_ARCHITECTURE.ARCHITECTURE).values(id, a).execute());
        db.update(SOURCE).set(SOURCE.CODEVERSION, data.codeversion()).set(SOURCE.DESCRIPTION, data.description())
                .where(SOURCE.ID.eq(id)).execute();
    }

    public void clearRelease(SourceRef source) {
        long id = id(source).orElseThrow();
        db.deleteFrom(SOURCE_ARCHIVE).where(SOURCE_ARCHIVE.SOURCE_ID.eq(id)).execute();
        db.deleteFrom(SOURCE_COMPONENT).where(SOURCE_COMPONENT.SOURCE_ID.eq(id)).execute();
        db.deleteFrom(SOURCE_ARCHITECTURE).where(SOURCE_ARCHITECTURE.SOURCE_ID.eq(id)).execute();
        db.update(SOURCE).set(SOURCE.CODEVERSION, "").set(SOURCE.DESCRIPTION, "").where(SOURCE.ID.eq(id)).execute();
    }

    public ReleaseData release(SourceRef source) {
        long id = id(source).orElseThrow();
        var row = db.select(SOURCE.CODEVERSION, SOURCE.DESCRIPTION).from(SOURCE).where(SOURCE.ID.eq(id)).fetchOne();
        return new ReleaseData(
                db.select(SOURCE_ARCHIVE.ARCHIVE_URL).from(SOURCE_ARCHIVE).where(SOURCE_ARCHIVE.SOURCE_ID.eq(id)).orderBy(SOURCE_ARCHIVE.ARCHIVE_URL).fetch(SOURCE_ARCHIVE.ARCHIVE_URL),
                db.select(SOURCE_COMPONENT.COMPONENT).from(SOURCE_COMPONENT).where(SOURCE_COMPONENT.SOURCE_ID.eq(id)).orderBy(SOURCE_COMPONENT.COMPONENT).fetch(SOURCE_COMPONENT.COMPONENT),
                db.select(SOURCE_ARCHITECTURE.ARCHITECTURE).from(SOURCE_ARCHITECTURE).where(SOURCE_ARCHITECTURE.SOURCE_ID.eq(id)).orderBy(SOURCE_ARCHITECTURE.ARCHITECTURE).fetch(SOURCE_ARCHITECTURE.ARCHITECTURE),
                row.value1(), row.value2());
    }
}
