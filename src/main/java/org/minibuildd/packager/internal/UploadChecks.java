package org.minibuildd.packager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.Layout;
import org.minibuildd.config.LayoutService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.Checksum;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.DistributionString;
import org.minibuildd.debian.Dsc;
import org.minibuildd.debian.FileEntry;
import org.minibuildd.debian.PackageName;
import org.minibuildd.debian.UploadOptions;
import org.minibuildd.debian.Version;
import org.minibuildd.debian.VersionRestriction;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.repository.PackageListing;
import org.minibuildd.repository.RepositoryPackages;
import org.springframework.stereotype.Component;

/**
 * The checks a user upload passes before anything is built, in mini-buildd's order: the distribution it names
 * (meta distributions mapped), repository and distribution exist and are active, the suite takes uploads, the
 * signature is an uploader's (unless the repository takes unauthenticated uploads), the layout's version rule,
 * a version not installed anywhere in the repository yet and greater than the distribution's, the source package
 * complete (an orig tarball may come from the pool; one the upload brings must be the pool's file of that name, if
 * the pool has one), valid upload options, and a builder (this instance or a Remote) with an active chroot for every
 * architecture of the distribution. The first failure is the {@link Rejection} with its reason.
 */
@Component
class UploadChecks {

    /** Where an accepted upload goes. */
    record Target(RepositoryConfig repository, RepositoryConfig.Distribution distribution, Layout.SuiteOption suite,
                  DistributionString diststr, Dsc dsc, Map<String, Path> sourceFiles, UploadOptions options,
                  String signer, Map<String, BuilderChoice.Builder> builders) {

        /** The builder chosen for the architecture. */
        BuilderChoice.Builder builder(String architecture) {
            var builder = builders.get(architecture);
            if (builder == null) {
                throw new IllegalStateException("no builder was chosen for " + architecture);
            }
            return builder;
        }
    }

    private final RepositoryService repositories;
    private final LayoutService layouts;
    private final ConfigActions actions;
    private final RepositoryPackages packages;
    private final AvailableBuilders builders;
    private final SignatureVerifier verifier = new SignatureVerifier();

    UploadChecks(RepositoryService repositories, LayoutService layouts, ConfigActions actions, RepositoryPackages packages,
                 AvailableBuilders builders) {
        this.repositories = repositories;
        this.layouts = layouts;
        this.actions = actions;
        this.packages = packages;
        this.builders = builders;
    }

    Target check(Changes changes, Path dir) {
        var diststr = distribution(changes.distribution());
        var repository = repositories.config(diststr.repository())
                .orElseThrow(() -> new Rejection("no repository \"" + diststr.repository() + "\" on this instance (distribution "
                        + diststr + ")"));
        if (!actions.state(new ObjectRef(ObjectType.REPOSITORY, repository.identity())).isActive()) {
            throw new Rejection("repository \"" + repository.identity() + "\" is not active: an administrator must activate it first");
        }
        var distribution = repository.distribution(diststr.codename())
                .orElseThrow(() -> new Rejection("repository \"" + repository.identity() + "\" has no distribution for codename \""
                        + diststr.codename() + "\""));
        var suite = repository.layout().suite(diststr.suite())
                .orElseThrow(() -> new Rejection("layout \"" + repository.layout().name() + "\" of repository \"" + repository.identity()
                        + "\" has no suite \"" + diststr.suite() + "\""));
        if (diststr.isRollback()) {
            throw new Rejection("distribution " + diststr + " is a rollback: uploads go to " + diststr.withoutRollback());
        }
        if (!suite.uploadable()) {
            throw new Rejection("suite \"" + suite.suite() + "\" takes no uploads (packages reach it by migration): upload to an "
                    + "uploadable suite such as unstable");
        }
        var signer = signature(changes, repository);
        versionRule(changes, repository, diststr, suite);
        var installed = packages.lsSource(repository.identity(), changes.source());
        notInstalledYet(changes, repository, installed);
        newerThanInstalled(changes, diststr, installed);
        var dscEntry = changes.dsc().orElseThrow(() -> new Rejection("the upload has no .dsc: mini-buildd builds from source, "
                + "upload a source package (dpkg-buildpackage -S, or a source+binary upload)"));
        var dscFile = dir.resolve(dscEntry.name());
        Dsc dsc;
        try {
            dsc = Dsc.parse(Files.readString(dscFile));
        } catch (IOException | DebianFormatException e) {
            throw new Rejection(dscEntry.name() + " cannot be read: " + e.getMessage(), e);
        }
        if (!dsc.source().equals(changes.source()) || !dsc.version().toString().equals(changes.version().toString())) {
            throw new Rejection(dscEntry.name() + " is for " + dsc.source() + " " + dsc.version() + ", the .changes for "
                    + changes.source() + " " + changes.version());
        }
        var sourceFiles = sourceFiles(dsc, dir, repository, distribution);
        sourceFiles.put(dscEntry.name(), dscFile);
        UploadOptions options;
        try {
            options = UploadOptions.of(changes);
        } catch (DebianFormatException e) {
            throw new Rejection("upload options: " + e.getMessage(), e);
        }
        // Last, as the packaging itself: a builder with an active chroot for every architecture, least loaded first.
        var chosen = builders.choose(distribution.codename(), distribution.architectures());
        return new Target(repository, distribution, suite, diststr, dsc, sourceFiles, options, signer, chosen);
    }

    /** The distribution string, with a layout's meta distribution (like Debian's {@code unstable}) mapped first. */
    private DistributionString distribution(String text) {
        var mapped = new HashMap<String, String>();
        for (var summary : repositories.all()) {
            for (var codename : summary.codenames()) {
                summary.layout().metaDistributions().forEach((meta, codenameSuite) -> {
                    var parts = codenameSuite.split("-", 2);
                    if (parts.length == 2 && parts[0].equals(codename)) {
                        mapped.putIfAbsent(meta, codename + "-" + summary.identity() + "-" + parts[1]);
                    }
                });
            }
        }
        var name = mapped.getOrDefault(text, text);
        try {
            return DistributionString.parse(name);
        } catch (DebianFormatException e) {
            throw new Rejection("distribution \"" + text + "\" is not one of this instance's (" + e.getMessage()
                    + "); dput_conf and sources_list name them", e);
        }
    }

    private String signature(Changes changes, RepositoryConfig repository) {
        if (repository.allowUnauthenticatedUploads()) {
            return "";
        }
        if (!changes.signed()) {
            throw new Rejection("the upload is not signed, and repository \"" + repository.identity()
                    + "\" requires a signature by one of its uploaders (debsign the .changes)");
        }
        var keyring = repositories.uploaderKeyring(repository.identity());
        try {
            return verifier.verifyClearsigned(changes.original(), keyring).signature().toString();
        } catch (VerificationException e) {
            throw new Rejection("the signature of the .changes is not from an uploader of repository \"" + repository.identity()
                    + "\": " + e.getMessage(), e);
        }
    }

    private void versionRule(Changes changes, RepositoryConfig repository, DistributionString diststr, Layout.SuiteOption suite) {
        var layout = repository.layout();
        var rule = new VersionRestriction(layout.mandatoryVersionRegex(), layout.experimentalMandatoryVersionRegex(),
                layout.defaultVersion(), layout.experimentalDefaultVersion());
        try {
            rule.check(changes.version(), repository.identity(), repositories.codeversion(diststr.codename()), suite.suite(),
                    suite.experimental());
        } catch (DebianFormatException e) {
            throw new Rejection(e.getMessage(), e);
        }
    }

    /**
     * As mini-buildd: a version that is in any distribution of the repository (rollbacks aside) is never uploaded
     * again; it would be a second, different package under a name the repository already gives out.
     */
    private static void notInstalledYet(Changes changes, RepositoryConfig repository, List<PackageListing> installed) {
        var version = changes.version().toString();
        var where = installed.stream().filter(l -> !l.isRollback() && l.version().equals(version))
                .map(PackageListing::distribution).toList();
        if (!where.isEmpty()) {
            throw new Rejection(changes.source() + " " + version + " is already installed in repository \"" + repository.identity()
                    + "\" (" + String.join(", ", where) + "): upload a new version");
        }
    }

    private static void newerThanInstalled(Changes changes, DistributionString diststr, List<PackageListing> installed) {
        for (var listing : installed) {
            if (listing.distribution().equals(diststr.toString())
                    && Version.parse(listing.version()).compareTo(changes.version()) >= 0) {
                throw new Rejection(diststr + " already has " + changes.source() + " " + listing.version()
                        + ": an upload must have a greater version than " + listing.version());
            }
        }
    }

    /** Every file the .dsc lists, from the upload or else from the repository's pool, with matching checksums. */
    private Map<String, Path> sourceFiles(Dsc dsc, Path dir, RepositoryConfig repository, RepositoryConfig.Distribution distribution) {
        var files = new HashMap<String, Path>();
        for (var entry : dsc.files()) {
            var uploaded = dir.resolve(entry.name());
            var pooled = pool(repository, distribution, dsc.source(), entry.name());
            if (Files.isRegularFile(uploaded)) {
                verify(entry, uploaded, "in the upload");
                if (pooled != null) {
                    sameAsPooled(entry, pooled, repository);
                }
                files.put(entry.name(), uploaded);
                continue;
            }
            if (pooled == null) {
                throw new Rejection("file " + entry.name() + " of " + dsc.source() + "_" + dsc.version()
                        + ".dsc is neither in the upload nor in the pool (for a new upstream version upload with -sa)");
            }
            verify(entry, pooled, "in the pool");
            files.put(entry.name(), pooled);
        }
        return files;
    }

    private Path pool(RepositoryConfig repository, RepositoryConfig.Distribution distribution, String source, String name) {
        for (var component : distribution.components()) {
            var candidate = packages.repositoryDirectory(repository.identity())
                    .resolve("pool").resolve(component).resolve(PackageName.poolDirectory(source)).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A file the pool already has under the same name (an orig tarball shared by the versions of one upstream
     * release) must be the same file: reprepro would refuse it only at the install, after every build. Told here,
     * with both checksums, so the uploader can see which one is meant.
     */
    private static void sameAsPooled(FileEntry entry, Path pooled, RepositoryConfig repository) {
        var kind = !entry.sha256().isEmpty() ? Checksum.SHA256 : Checksum.MD5;
        String pooledSum;
        try (var in = Files.newInputStream(pooled)) {
            pooledSum = kind.of(in);
        } catch (IOException e) {
            throw new Rejection(entry.name() + " in the pool of repository \"" + repository.identity() + "\" cannot be read: "
                    + e.getMessage(), e);
        }
        if (!pooledSum.equalsIgnoreCase(entry.checksum(kind))) {
            throw new Rejection(entry.name() + " in the upload is not the file of that name in the pool of repository \""
                    + repository.identity() + "\": " + kind.name() + " " + entry.checksum(kind) + " uploaded, " + pooledSum
                    + " in the pool; use the pool's file (build without -sa) or a new upstream version");
        }
    }

    private static void verify(FileEntry entry, Path file, String where) {
        try {
            if (Files.size(file) != entry.size()) {
                throw new Rejection(entry.name() + " " + where + " has " + Files.size(file) + " bytes, the .dsc says " + entry.size());
            }
            var kind = !entry.sha256().isEmpty() ? Checksum.SHA256 : Checksum.MD5;
            var expected = entry.checksum(kind);
            String actual;
            try (var in = Files.newInputStream(file)) {
                actual = kind.of(in);
            }
            var algorithm = kind.name();
            if (!actual.equalsIgnoreCase(expected)) {
                throw new Rejection(entry.name() + " " + where + " does not match the .dsc: " + algorithm + " " + actual
                        + ", expected " + expected);
            }
        } catch (IOException e) {
            throw new Rejection(entry.name() + " " + where + " cannot be read: " + e.getMessage(), e);
        }
    }

}
