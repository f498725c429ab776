package org.minibuildd.ui.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ReadOnlyHasValue;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.converter.Converter;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.DaemonSettings;
import org.minibuildd.config.DistributionSettings;
import org.minibuildd.config.RepositorySettings;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.SourceSettings;
import org.minibuildd.config.UploaderSettings;

/** The edit dialogs of Daemon, Distribution, Repository, Source and Uploader; field names are the service's (and mini-buildd's). */
final class Editors {

    private static final String CHANGED_NOTE = "Saving a prepared or active object marks it changed: it is not used "
            + "until it is prepared and checked again (PCA).";

    private Editors() {
    }

    private static TextField text(String label) {
        var field = new TextField(label);
        field.setClearButtonVisible(true);
        return field;
    }

    private static IntegerField integer(String label, int min, int max) {
        var field = new IntegerField(label);
        field.setMin(min);
        field.setMax(max);
        field.setStepButtonsVisible(true);
        return field;
    }

    private static ComboBox<String> choice(String label, List<String> values) {
        var field = new ComboBox<String>(label, values);
        field.setAllowCustomValue(false);
        return field;
    }

    private static <V> Converter<Set<V>, List<V>> setToList() {
        return Converter.from(set -> Result.ok(List.copyOf(set)), list -> new LinkedHashSet<>(list));
    }

    static void daemon(ConfigEditService edits, Runnable saved) {
        var dialog = new EditDialog<>("Daemon", DaemonSettings.class, edits::editDaemon, saved);
        var b = dialog.binder();
        dialog.addInfo(new Paragraph(CHANGED_NOTE));
        b.forField(dialog.field("email_address", text("Email address (sender of notifications)"))).bind("emailAddress");
        b.forField(dialog.field("allow_emails_to", text("Allow emails to (regular expression)"))).bind("allowEmailsTo");
        b.forField(dialog.field("ftp_endpoint", text("FTP endpoint"))).asRequired("an endpoint like tcp:port=8067").bind("ftpEndpoint");
        b.forField(dialog.field("max_parallel_builds", integer("Max parallel builds", 0, 256)))
                .asRequired("how many builds may run at once").bind("maxParallelBuilds");
        b.forField(dialog.field("expire_events_days", integer("Expire events after (days)", 1, 36500)))
                .asRequired("days to keep events").bind("expireEventsDays");
        b.forField(dialog.field("expire_builds_days", integer("Expire builds after (days)", 1, 36500)))
                .asRequired("days to keep build directories").bind("expireBuildsDays");
        b.forField(dialog.field("custom_archive_origin", text("Custom archive origin"))).bind("customArchiveOrigin");
        dialog.open(edits.daemon());
    }

    static void distribution(ConfigEditService edits, DistributionSettings value, Runnable saved) {
        var dialog = new EditDialog<>("Distribution " + value.base(), DistributionSettings.class, edits::editDistribution, saved);
        var b = dialog.binder();
        dialog.addInfo(new Paragraph("Repositories holding this distribution are marked changed when it is saved: "
                + "PCA them to use the new options."));
        b.forField(new ReadOnlyHasValue<SourceRef>(base -> { })).bind("base");
        b.forField(dialog.field("build_dep_resolver", choice("Build dependency resolver", ConfigEditService.BUILD_DEP_RESOLVERS)))
                .asRequired("choose a resolver").bind("buildDepResolver");
        b.forField(dialog.field("lintian_mode", choice("Lintian mode", ConfigEditService.CHECK_MODES)))
                .asRequired("choose a mode").bind("lintianMode");
        b.forField(dialog.field("lintian_extra_options", text("Lintian extra options"))).bind("lintianExtraOptions");
        b.forField(dialog.field("piuparts_mode", choice("Piuparts mode", ConfigEditService.CHECK_MODES)))
                .asRequired("choose a mode").bind("piupartsMode");
        b.forField(dialog.field("piuparts_extra_options", text("Piuparts extra options"))).bind("piupartsExtraOptions");
        b.forField(dialog.field("piuparts_root_arg", text("Piuparts root argument"))).bind("piupartsRootArg");
        b.forField(dialog.field("autopkgtest_mode", choice("Autopkgtest mode", ConfigEditService.CHECK_MODES)))
                .asRequired("choose a mode").bind("autopkgtestMode");
        b.forField(dialog.field("internal_apt_priority", integer("Internal apt priority", Short.MIN_VALUE, Short.MAX_VALUE)))
                .asRequired("an apt pin priority").bind("internalAptPriority");
        b.forField(dialog.field("deb_build_options", text("DEB_BUILD_OPTIONS"))).bind("debBuildOptions");
        b.forField(dialog.field("deb_build_profiles", text("DEB_BUILD_PROFILES"))).bind("debBuildProfiles");
        b.forField(dialog.field("add_depends", text("Add depends"))).bind("addDepends");
        b.forField(dialog.field("sbuild_config_blocks", text("Sbuild config blocks"))).bind("sbuildConfigBlocks");
        b.forField(dialog.field("sbuild_setup_blocks", text("Sbuild setup blocks"))).bind("sbuildSetupBlocks");
        dialog.open(value);
    }

    static void repository(ConfigEditService edits, RepositorySettings value, Runnable saved) {
        var dialog = new EditDialog<>("Repository " + value.identity(), RepositorySettings.class, edits::editRepository, saved);
        var b = dialog.binder();
        dialog.addInfo(new Paragraph(CHANGED_NOTE));
        b.forField(new ReadOnlyHasValue<String>(identity -> { })).bind("identity");
        b.forField(dialog.field("layout", choice("Layout", edits.layouts()))).asRequired("choose a layout").bind("layout");
        var distributions = new MultiSelectComboBox<SourceRef>("Distributions (by base source)");
        distributions.setItems(edits.distributions().stream().map(DistributionSettings::base).toList());
        distributions.setItemLabelGenerator(SourceRef::toString);
        b.forField(dialog.field("distributions", distributions)).withConverter(Editors.<SourceRef>setToList()).bind("distributions");
        b.forField(dialog.plain("allow_unauthenticated_uploads", new Checkbox("Allow unauthenticated uploads")))
                .bind("allowUnauthenticatedUploads");
        var keyrings = new TextArea("Extra uploader keyrings (one keyring file per line)");
        b.forField(dialog.field("extra_uploader_keyrings", keyrings)).bind("extraUploaderKeyrings");
        b.forField(dialog.field("notify_addresses", new TextArea("Notify addresses"))).bind("notifyAddresses");
        b.forField(dialog.plain("notify_changed_by", new Checkbox("Notify Changed-By"))).bind("notifyChangedBy");
        b.forField(dialog.plain("notify_maintainer", new Checkbox("Notify Maintainer"))).bind("notifyMaintainer");
        b.forField(dialog.plain("reprepro_morguedir", new Checkbox("Keep removed files (reprepro morguedir)"))).bind("repreproMorguedir");
        b.forField(dialog.field("external_home_url", text("External home URL"))).bind("externalHomeUrl");
        dialog.open(value);
    }

    static void source(ConfigEditService edits, SourceSettings value, Runnable saved) {
        var dialog = new EditDialog<>("Source " + value.source(), SourceSettings.class, edits::editSource, saved);
        var b = dialog.binder();
        dialog.addInfo(new Paragraph(CHANGED_NOTE));
        b.forField(new ReadOnlyHasValue<SourceRef>(source -> { })).bind("source");
        var keys = new MultiSelectComboBox<String>("AptKeys (its Release must be signed by one of them)");
        keys.setItems(edits.aptKeys());
        b.forField(dialog.field("apt_keys", keys)).withConverter(Editors.<String>setToList()).bind("aptKeyIds");
        b.forField(dialog.plain("check_valid_until", new Checkbox("Check Valid-Until (off for frozen snapshot mirrors)")))
                .bind("checkValidUntil");
        b.forField(dialog.field("codeversion_override", text("Codeversion override"))).bind("codeversionOverride");
        b.forField(dialog.field("remove_from_component", text("Remove from component"))).bind("removeFromComponent");
        dialog.open(value);
    }

    /** The repositories an Uploader may upload to; its key is the user's own (set_user_key). */
    static void uploader(ConfigEditService edits, UploaderSettings value, Runnable saved) {
        var dialog = new EditDialog<>("Uploader " + value.user(), UploaderSettings.class, edits::editUploader, saved);
        var b = dialog.binder();
        dialog.addInfo(new Paragraph("The key is the user's own (API call set_user_key). " + CHANGED_NOTE
                + " Uploads signed with the key count once the Uploader is active."));
        b.forField(new ReadOnlyHasValue<String>(user -> { })).bind("user");
        var repositories = new MultiSelectComboBox<String>("May upload to (repositories)");
        repositories.setItems(edits.repositoryIdentities());
        b.forField(dialog.field("may_upload_to", repositories)).withConverter(Editors.<String>setToList()).bind("mayUploadTo");
        dialog.open(value);
    }
}
