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
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.debian.MiniBuilddFields;
import org.minibuildd.debian.UploadOptions;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.springframework.stereotype.Component;

/**
 * Writes an accepted upload's build requests in mini-buildd's wire format (see the reference's
 * {@code wire/buildrequest.changes}): per architecture of the distribution, a {@code .changes} signed by the
 * instance key naming the build (timecode, upload-to, packager, builder, sbuild options, check modes, log URLs)
 * and listing one uncompressed tar with the source package and the {@code .config/} files the builder needs
 * (apt sources, preferences and keys of the repository). They land in {@code <key>/<arch>/} beside the upload;
 * every file is written to a temporary name first, so writing them again after a crash is harmless.
 */
@Component
class BuildRequests {

    private final Home home;
    private final InstanceService instances;
    private final ConfigEditService config;
    private final InstanceKeyStore keys;
    private final ProcessRunner runner;

    BuildRequests(Home home, InstanceService instances, ConfigEditService config, InstanceKeyStore keys, ProcessRunner runner) {
        this.home = home;
        this.instances = instances;
        this.config = config;
        this.keys = keys;
        this.runner = runner;
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
        var key = row.source() + "/" + row.version() + "/" + row.timecode();
        var dir = home.events().resolve(key).resolve(arch);
        Files.createDirectories(dir);
        var base = row.source() + "_" + row.version();
        var changesName = base + "_mini-buildd-buildrequest_" + arch + ".changes";
        var tarName = changesName + ".tar";
        var buildlog = key + "/" + arch + "/" + base + "_" + arch + ".buildlog";

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
            var tmpTar = dir.resolve("." + tarName + ".new");
            var argv = new ArrayList<>(List.of("tar", "--create", "--file", tmpTar.toString(), "--directory", payload.toString()));
            argv.addAll(members);
            runner.run(Command.of(argv));
            Files.move(tmpTar, dir.resolve(tarName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(payload);
        }

        var tar = dir.resolve(tarName);
        var fields = new LinkedHashMap<String, String>();
        fields.put("Distribution", target.diststr().toString());
        fields.put("Source", row.source());
        fields.put("Version", row.version());
        fields.put("Architecture", arch);
        fields.put("X-Mini-Buildd-Timecode", row.timecode());
        fields.put("X-Mini-Buildd-Upload-To", instance.incomingUrl());
        fields.put("X-Mini-Buildd-Packager", instance.url());
        fields.put("X-Mini-Buildd-Arch-All", archAll ? "Yes" : "No");
        fields.put("X-Mini-Buildd-Build-Dep-Resolver", settings.buildDepResolver());
        fields.put("X-Mini-Buildd-Sbuild-Config-Blocks", settings.sbuildConfigBlocks());
        fields.put("X-Mini-Buildd-Sbuild-Setup-Blocks", settings.sbuildSetupBlocks());
        fields.put("X-Mini-Buildd-Deb-Build-Options", option(target, UploadOptions.Key.DEB_BUILD_OPTIONS, arch, settings.debBuildOptions()));
        fields.put("X-Mini-Buildd-Deb-Build-Profiles", option(target, UploadOptions.Key.DEB_BUILD_PROFILES, arch, settings.debBuildProfiles()));
        fields.put("X-Mini-Buildd-Add-Depends", option(target, UploadOptions.Key.ADD_DEPENDS, arch, settings.addDepends()));
        fields.put("X-Mini-Buildd-Lintian-Mode", option(target, UploadOptions.Key.LINTIAN_MODE, arch, settings.lintianMode()));
        fields.put("X-Mini-Buildd-Lintian-Extra-Options", settings.lintianExtraOptions());
        fields.put("X-Mini-Buildd-Autopkgtest-Mode", option(target, UploadOptions.Key.AUTOPKGTEST_MODE, arch, settings.autopkgtestMode()));
        var piuparts = option(target, UploadOptions.Key.PIUPARTS_MODE, arch, settings.piupartsMode());
        fields.put("X-Mini-Buildd-Piuparts-Mode", piuparts);
        if (!CheckMode.DISABLED.name().equalsIgnoreCase(piuparts)) {
            // Only when piuparts runs, so a request without it has the reference's fields and no more.
            fields.put("X-Mini-Buildd-Piuparts-Extra-Options", settings.piupartsExtraOptions());
            fields.put("X-Mini-Buildd-Piuparts-Root-Arg", settings.piupartsRootArg());
        }
        fields.put("X-Mini-Buildd-Buildlog", buildlog);
        // The builder chosen for this architecture serves the live log; the installed log is ours.
        var builder = target.builder(arch).url();
        fields.put("X-Mini-Buildd-Builder", builder);
        fields.put("X-Mini-Buildd-Buildlog-Building", builder + "/mini_buildd/builds-dir/" + buildlog);
        fields.put("X-Mini-Buildd-Buildlog-Installed", instance.url() + "/mini_buildd/events-dir/" + buildlog);
        var text = new StringBuilder();
        fields.forEach((name, value) -> text.append(name).append(':').append(value.isEmpty() ? "" : " " + value).append('\n'));
        text.append("Files:\n ").append(md5(tar)).append(' ').append(Files.size(tar)).append(" mini-buildd extra ").append(tarName).append('\n');
        var signed = keys.get().clearsign(text.toString());
        var tmpChanges = dir.resolve("." + changesName + ".new");
        Files.writeString(tmpChanges, signed, StandardCharsets.UTF_8);
        Files.move(tmpChanges, dir.resolve(changesName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        var extra = MiniBuilddFields.eventBase(row.source(), row.version(), row.timecode(), arch, changesName);
        fields.forEach((name, value) -> {
            if (name.startsWith(MiniBuilddFields.PREFIX) && !name.equals(MiniBuilddFields.TIMECODE)) {
                extra.put(MiniBuilddFields.eventKey(name), value);
            }
        });
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


    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (var path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String md5(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return org.minibuildd.debian.Checksum.MD5.of(in);
        }
    }
}
