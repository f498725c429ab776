package org.minibuildd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.minibuildd.config.internal.SettingsStore;
import org.minibuildd.config.internal.SetupArguments;
import org.minibuildd.config.internal.SourceStore;
import org.minibuildd.config.internal.UploaderStore;
import org.minibuildd.debian.CheckMode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Edits of the configuration objects' settings, with mini-buildd's rule: an edit of a prepared or active object
 * marks it changed (no longer active until it is prepared and checked again), and as repositories depend on their
 * distributions, an edit of a distribution marks the repositories that hold it changed. Every value is checked
 * before anything is written, and each edit is one transaction: a refused value ({@link ConfigException} naming the
 * field) changes nothing. Saving unchanged settings marks nothing.
 */
@Service
public class ConfigEditService {

    public static final List<String> CHECK_MODES = Stream.of(CheckMode.values()).map(Enum::name).toList();
    public static final List<String> BUILD_DEP_RESOLVERS = List.of("apt", "aptitude", "aspcud", "xapt", "null");

    private static final ObjectRef DAEMON = new ObjectRef(ObjectType.DAEMON, "daemon");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+");
    private static final Pattern FTP_ENDPOINT = Pattern.compile("(tcp|tcp6|ssl):(.*:)?port=(\\d{1,5})(:.*)?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9/.+-]*");
    private static final Pattern NO_BLANKS = Pattern.compile("\\S+");

    private final SettingsStore settings;
    private final SourceStore sources;
    private final UploaderStore uploaders;
    private final ConfigActions actions;
    private final TransactionTemplate transactions;

    ConfigEditService(SettingsStore settings, SourceStore sources, UploaderStore uploaders, ConfigActions actions,
                      TransactionTemplate transactions) {
        this.settings = settings;
        this.sources = sources;
        this.uploaders = uploaders;
        this.actions = actions;
        this.transactions = transactions;
    }

    public DaemonSettings daemon() {
        return settings.daemon();
    }

    public void editDaemon(DaemonSettings edit) {
        var checked = new DaemonSettings(
                line("custom_archive_origin", edit.customArchiveOrigin(), 255),
                email("email_address", line("email_address", edit.emailAddress(), 255)),
                regex("allow_emails_to", line("allow_emails_to", edit.allowEmailsTo(), 255)),
                ftpEndpoint(line("ftp_endpoint", edit.ftpEndpoint(), 200)),
                range("max_parallel_builds", edit.maxParallelBuilds(), 0, 256),
                range("expire_events_days", edit.expireEventsDays(), 1, 36500),
                range("expire_builds_days", edit.expireBuildsDays(), 1, 36500));
        transactions.executeWithoutResult(tx -> {
            if (!settings.daemon().equals(checked)) {
                settings.daemon(checked);
                actions.markChanged(DAEMON);
            }
        });
    }

    public List<DistributionSettings> distributions() {
        return settings.distributions();
    }

    public void editDistribution(DistributionSettings edit) {
        if (edit.base() == null) {
            throw new ConfigException("base_source", "name the distribution by its base source");
        }
        var checked = new DistributionSettings(edit.base(),
                oneOf("build_dep_resolver", edit.buildDepResolver(), BUILD_DEP_RESOLVERS),
                line("sbuild_config_blocks", edit.sbuildConfigBlocks(), 200),
                line("sbuild_setup_blocks", edit.sbuildSetupBlocks(), 200),
                oneOf("lintian_mode", edit.lintianMode(), CHECK_MODES),
                line("lintian_extra_options", edit.lintianExtraOptions(), 200),
                oneOf("piuparts_mode", edit.piupartsMode(), CHECK_MODES),
                line("piuparts_extra_options", edit.piupartsExtraOptions(), 200),
                line("piuparts_root_arg", edit.piupartsRootArg(), 200),
                oneOf("autopkgtest_mode", edit.autopkgtestMode(), CHECK_MODES),
                // apt keeps pin priorities in a signed short.
                range("internal_apt_priority", edit.internalAptPriority(), Short.MIN_VALUE, Short.MAX_VALUE),
                line("deb_build_options", edit.debBuildOptions(), 200),
                line("deb_build_profiles", edit.debBuildProfiles(), 200),
                line("add_depends", edit.addDepends(), 200));
        transactions.executeWithoutResult(tx -> {
            long id = settings.distributionId(edit.base()).orElseThrow(() -> new ConfigException("base_source",
                    "there is no distribution based on " + edit.base()));
            var before = settings.distributions().stream().filter(d -> d.base().equals(edit.base())).findFirst().orElseThrow();
            if (!before.equals(checked)) {
                settings.distribution(id, checked);
                settings.repositoriesOfDistribution(id).forEach(r -> actions.markChanged(new ObjectRef(ObjectType.REPOSITORY, r)));
            }
        });
    }

    public List<RepositorySettings> repositories() {
        return settings.repositories();
    }

    public List<String> layouts() {
        return settings.layouts();
    }

    public void editRepository(RepositorySettings edit) {
        var layout = line("layout", edit.layout(), 100);
        if (!settings.layoutExists(layout)) {
            throw new ConfigException("layout", "there is no layout \"" + layout + "\" (there are " + String.join(", ", settings.layouts()) + ")");
        }
        var checked = new RepositorySettings(edit.identity(), layout, edit.distributions().stream().distinct().sorted(
                java.util.Comparator.comparing(SourceRef::origin).thenComparing(SourceRef::codename)).toList(),
                edit.allowUnauthenticatedUploads(),
                keyrings(text("extra_uploader_keyrings", edit.extraUploaderKeyrings(), 2000)),
                emails("notify_addresses", text("notify_addresses", edit.notifyAddresses(), 2000)),
                edit.notifyChangedBy(), edit.notifyMaintainer(), edit.repreproMorguedir(),
                url("external_home_url", line("external_home_url", edit.externalHomeUrl(), 512)));
        transactions.executeWithoutResult(tx -> {
            var before = settings.repositories().stream().filter(r -> r.identity().equals(edit.identity())).findFirst()
                    .orElseThrow(() -> new ConfigException("identity", "there is no repository \"" + edit.identity() + "\""));
            var ids = new ArrayList<Long>();
            for (var base : checked.distributions()) {
                ids.add(settings.distributionId(base).orElseThrow(() -> new ConfigException("distributions",
                        "there is no distribution based on " + base)));
            }
            if (!before.equals(checked)) {
                settings.repository(checked, ids);
                actions.markChanged(new ObjectRef(ObjectType.REPOSITORY, checked.identity()));
            }
        });
    }

    public List<SourceSettings> sources() {
        return settings.sources();
    }

    public List<String> aptKeys() {
        return settings.aptKeys();
    }

    public void editSource(SourceSettings edit) {
        var codeversion = line("codeversion_override", edit.codeversionOverride(), 50);
        if (!codeversion.isEmpty() && !NO_BLANKS.matcher(codeversion).matches()) {
            throw new ConfigException("codeversion_override", "must be one word, like 12 or ~SID");
        }
        var component = line("remove_from_component", edit.removeFromComponent(), 50);
        if (!component.isEmpty() && !COMPONENT.matcher(component).matches()) {
            throw new ConfigException("remove_from_component", "\"" + component + "\" is not a component name like main or contrib");
        }
        var keys = edit.aptKeyIds().stream().distinct().sorted().toList();
        if (keys.isEmpty()) {
            throw new ConfigException("apt_keys", "a source needs at least one AptKey to verify its Release with");
        }
        var known = Set.copyOf(settings.aptKeys());
        for (var key : keys) {
            if (!known.contains(key)) {
                throw new ConfigException("apt_keys", "there is no AptKey \"" + key + "\"");
            }
        }
        var checked = new SourceSettings(edit.source(), codeversion, edit.checkValidUntil(), component, keys);
        transactions.executeWithoutResult(tx -> {
            long id = sources.id(edit.source()).orElseThrow(() -> new ConfigException("source",
                    "there is no source " + edit.source()));
            var before = settings.sources().stream().filter(s -> s.source().equals(edit.source())).findFirst().orElseThrow();
            if (!before.equals(checked)) {
                settings.source(id, checked);
                actions.markChanged(edit.source().object());
            }
        });
    }

    public List<UploaderSettings> uploaders() {
        return uploaders.all().stream().map(u -> new UploaderSettings(u.username(), u.mayUploadTo())).toList();
    }

    /** Identities of all repositories: what an Uploader may be allowed to upload to. */
    public List<String> repositoryIdentities() {
        return uploaders.repositories();
    }

    /**
     * Sets the repositories an Uploader may upload to. As any edit of a prepared object (and as in mini-buildd), it
     * marks the Uploader changed: it counts again after PCA.
     */
    public void editUploader(UploaderSettings edit) {
        var wanted = edit.mayUploadTo().stream().map(String::strip).filter(r -> !r.isEmpty()).distinct().sorted().toList();
        transactions.executeWithoutResult(tx -> {
            var known = Set.copyOf(uploaders.repositories());
            for (var repository : wanted) {
                if (!known.contains(repository)) {
                    throw new ConfigException("may_upload_to", "there is no repository \"" + repository + "\"");
                }
            }
            var before = uploaders.find(edit.user()).orElseThrow(() -> new ConfigException("user",
                    "there is no Uploader \"" + edit.user() + "\" (it appears when the user sets a key)"));
            if (!before.mayUploadTo().equals(wanted)) {
                uploaders.mayUploadTo(edit.user(), wanted);
                actions.markChanged(new ObjectRef(ObjectType.UPLOADER, edit.user()));
            }
        });
    }

    public List<String> archives() {
        return sources.archives();
    }

    /** Adds an archive (mirror URL); sources read from it on their next prepare. Returns the URL as stored. */
    public String addArchive(String url) {
        var checked = SetupArguments.archiveUrl("url", line("url", url, 511));
        transactions.executeWithoutResult(tx -> sources.addArchive(checked));
        return checked;
    }

    /** Removes an archive; sources prepared from it are marked changed, as what they recorded is gone. */
    public void removeArchive(String url) {
        transactions.executeWithoutResult(tx -> {
            if (!settings.archiveExists(url)) {
                throw new ConfigException("url", "there is no archive \"" + url + "\"");
            }
            var readFrom = settings.sourcesReadFrom(url);
            settings.removeArchive(url);
            readFrom.forEach(s -> actions.markChanged(s.object()));
        });
    }

    private static String text(String field, String value, int max) {
        var text = value == null ? "" : value.strip();
        if (text.length() > max) {
            throw new ConfigException(field, "at most " + max + " characters (this is " + text.length() + ")");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f)) {
            throw new ConfigException(field, "must not contain control characters");
        }
        return text;
    }

    private static String line(String field, String value, int max) {
        var text = text(field, value, max);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new ConfigException(field, "must be a single line");
        }
        return text;
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigException(field, "\"" + value + "\" is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(field, value + " is not between " + min + " and " + max);
        }
        return value;
    }

    private static String email(String field, String value) {
        if (!value.isEmpty() && !EMAIL.matcher(value).matches()) {
            throw new ConfigException(field, "\"" + value + "\" is not an email address like mini-buildd@example.org");
        }
        return value;
    }

    private static String emails(String field, String value) {
        for (var address : value.split("[\\s,]+")) {
            if (!address.isEmpty()) {
                email(field, address);
            }
        }
        return value;
    }

    private static String regex(String field, String value) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(field, "not a regular expression: " + e.getDescription());
        }
        return value;
    }

    private static String ftpEndpoint(String value) {
        var m = FTP_ENDPOINT.matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535) {
            throw new ConfigException("ftp_endpoint", "\"" + value + "\" is not an endpoint like tcp:port=8067 or tcp6:port=8067:interface=\\:\\:");
        }
        return value;
    }

    /** One keyring file per line, absolute paths. */
    private static String keyrings(String value) {
        for (var path : value.split("\\R")) {
            if (!path.isBlank() && !path.strip().startsWith("/")) {
                throw new ConfigException("extra_uploader_keyrings", "\"" + path.strip() + "\" is not an absolute path to a keyring file");
            }
        }
        return value;
    }

    private static String url(String field, String value) {
        if (!value.isEmpty() && !value.matches("https?://\\S+")) {
            throw new ConfigException(field, "\"" + value + "\" is not an http(s) URL");
        }
        return value;
    }
}
