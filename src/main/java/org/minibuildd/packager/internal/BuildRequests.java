package org.minibuildd.packager.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.DistributionSettings;
import org.minibuildd.config.Layout;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.debian.BuildRequest;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.debian.UploadOptions;
import org.minibuildd.exchange.BuildExchange;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.springframework.stereotype.Component;

/**
 * Makes an accepted upload's build requests: per architecture of the distribution, a {@link BuildRequest} naming
 * the build (timecode, upload-to, packager, builder, sbuild options, check modes, log URLs) and a payload of the
 * source package and the {@code .config/} files the builder needs (apt sources, preferences and keys of the
 * repository), written by the {@link BuildExchange} into {@code <key>/<arch>/} beside the upload.
 */
@Component
class BuildRequests {

    private final Home home;
    private final InstanceService instances;
    private final ConfigEditService config;
    private final InstanceKeyStore keys;
    private final BuildExchange exchange;

    BuildRequests(Home home, InstanceService instances, ConfigEditService config, InstanceKeyStore keys, BuildExchange exchange) {
        this.home = home;
        this.instances = instances;
        this.config = config;
        this.keys = keys;
        this.exchange = exchange;
    }

    /** Writes one request per architecture; returns the event extras per architecture, as mini-buildd logs them. */
    Map<String, Object> write(UploadStore.Row row, Changes changes, UploadChecks.Target target) throws IOException {
        var result = new LinkedHashMap<String, Object>();
        var distribution = target.distribution();
        var settings = config.distributions().stream().filter(d -> d.base().codename().equals(distribution.codename()))
                .findFirst().orElseThrow(() -> new Rejection("no distribution settings for " + distribution.codename()));
        for (var arch : distribution.architectures()) {
            result.put(arch, write(row, target, settings, arch, arch.equals(distribution.archAll())));
        }
        return result;
    }

    private Map<String, Object> write(UploadStore.Row row, UploadChecks.Target target, DistributionSettings settings, String arch,
                                      boolean archAll) throws IOException {
        var instance = instances.instance();
        var key = row.uploadKey();
        var dir = home.eventsDir(key, arch);
        Files.createDirectories(dir);
        var buildlog = key.buildlog(arch);
        // The builder chosen for this architecture serves the live log; the installed log is ours.
        var builder = target.builder(arch).url();
        var request = new BuildRequest(target.diststr().toString(), key, arch, instance.incomingUrl(), instance.url(), archAll,
                new BuildRequest.Sbuild(settings.buildDepResolver(), settings.sbuildConfigBlocks(), settings.sbuildSetupBlocks(),
                        option(target, UploadOptions.Key.DEB_BUILD_OPTIONS, arch, settings.debBuildOptions()),
                        option(target, UploadOptions.Key.DEB_BUILD_PROFILES, arch, settings.debBuildProfiles()),
                        option(target, UploadOptions.Key.ADD_DEPENDS, arch, settings.addDepends())),
                new BuildRequest.Checks(mode(target, UploadOptions.Key.LINTIAN_MODE, arch, settings.lintianMode()),
                        settings.lintianExtraOptions(),
                        mode(target, UploadOptions.Key.AUTOPKGTEST_MODE, arch, settings.autopkgtestMode()),
                        mode(target, UploadOptions.Key.PIUPARTS_MODE, arch, settings.piupartsMode()),
                        settings.piupartsExtraOptions(), settings.piupartsRootArg()),
                buildlog, builder, Home.buildsDirUrl(builder, buildlog), Home.eventsDirUrl(instance.url(), buildlog));

        var payload = Files.createTempDirectory(dir, ".payload");
        try {
            var config = Files.createDirectories(payload.resolve(".config"));
            Files.writeString(config.resolve("apt_sources.list"), aptSources(target), StandardCharsets.UTF_8);
            Files.writeString(config.resolve("apt_preferences"), aptPreferences(target, settings), StandardCharsets.UTF_8);
            Files.writeString(config.resolve("apt_keys"), keys.get().exportArmored(), StandardCharsets.UTF_8);
            for (var empty : List.of("ssl_cert", "chroot_setup_script", "sbuildrc_snippet")) {
                Files.writeString(config.resolve(empty), "");
            }
            var members = new ArrayList<>(List.of(".config/apt_sources.list", ".config/apt_preferences", ".config/apt_keys",
                    ".config/ssl_cert", ".config/chroot_setup_script", ".config/sbuildrc_snippet"));
            for (var file : target.sourceFiles().entrySet()) {
                Files.copy(file.getValue(), payload.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING);
                members.add(file.getKey());
            }
            exchange.write(dir, request, payload, members);
        } finally {
            deleteTree(payload);
        }

        var extra = MiniBuilddFields.eventBase(key, arch, request.changesName());
        MiniBuilddFields.addTo(extra, request.toParagraph(List.of()));
        return extra;
    }


    /**
     * The repository's apt lines for building: the distribution's base and extra sources, then the repository's
     * own distributions from the uploaded suite down the migration chain (unstable → testing → stable), as the
     * reference lists them.
     */
    private String aptSources(UploadChecks.Target target) {
        var distribution = target.distribution();
        var lines = new StringBuilder();
        lines.append(distribution.base().aptLine("deb")).append('\n');
        for (var extra : distribution.extras()) {
            lines.append(extra.aptLine("deb")).append('\n');
        }
        var components = String.join(" ", distribution.components());
        for (var suite : suiteChain(target.repository().layout(), target.suite())) {
            lines.append("deb [] ").append(instances.instance().url()).append("/repositories/")
                    .append(target.repository().identity()).append(' ')
                    .append(target.repository().diststr(distribution.codename(), suite)).append(' ').append(components).append('\n');
        }
        return lines.toString();
    }

    private static List<String> suiteChain(Layout layout, Layout.SuiteOption suite) {
        var chain = new ArrayList<String>();
        var current = suite;
        while (current != null && !chain.contains(current.suite())) {
            chain.add(current.suite());
            current = current.migratesTo() == null || current.migratesTo().isEmpty() ? null : layout.suite(current.migratesTo()).orElse(null);
        }
        return chain;
    }

    private static String aptPreferences(UploadChecks.Target target, DistributionSettings settings) {
        var preferences = new StringBuilder();
        for (var extra : target.distribution().extras()) {
            preferences.append("Package: *\nPin: release n=").append(extra.codename()).append("\nPin-Priority: ")
                    .append(extra.priority()).append("\n\n");
        }
        for (var suite : suiteChain(target.repository().layout(), target.suite())) {
            preferences.append("Package: *\nPin: release n=").append(target.repository().diststr(target.distribution().codename(), suite))
                    .append(", o=").append(target.repository().origin()).append("\nPin-Priority: ")
                    .append(settings.internalAptPriority()).append("\n\n");
        }
        return preferences.toString();
    }

    /** An upload option ({@code MINI_BUILDD_OPTION: lintian-mode[amd64]=IGNORE}) overrides the distribution's value. */
    private static String option(UploadChecks.Target target, UploadOptions.Key option, String arch, String fallback) {
        return target.options().get(option, arch).orElse(fallback);
    }

    private static CheckMode mode(UploadChecks.Target target, UploadOptions.Key option, String arch, String fallback) {
        return target.options().checkMode(option, arch).orElseGet(() -> CheckMode.parse(fallback));
    }


    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (var path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
