package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashSet;

import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.daemon.Home;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.process.ProcessRunner;
import org.minibuildd.repository.RepositoryException;
import org.springframework.stereotype.Component;

/**
 * A repository's reprepro directory: written from its configuration, exported, signed, checked, put aside.
 */
@Component
public class RepositoryDisk {

    private final Home home;
    private final ProcessRunner runner;
    private final InstanceKeyStore keys;
    private final SignatureVerifier verifier;
    private final SigningGnupgHome gnupg;

    RepositoryDisk(Home home, ProcessRunner runner, InstanceKeyStore keys, SignatureVerifier verifier, SigningGnupgHome gnupg) {
        this.home = home;
        this.runner = runner;
        this.keys = keys;
        this.verifier = verifier;
        this.gnupg = gnupg;
    }

    /** reprepro on the repository, with the key it signs its exports with ready. */
    public Reprepro reprepro(String identity) {
        gnupg.ready();
        return new Reprepro(runner, home.repository(identity));
    }

    public Path directory(String identity) {
        return home.repository(identity);
    }

    public boolean exists(String identity) {
        return Files.isRegularFile(home.repository(identity).resolve("conf/distributions"));
    }

    /**
     * Brings the repository on disk in line with its configuration, keeping its packages: writes reprepro's
     * configuration, drops distributions that are gone (and their packages), exports and signs. Idempotent: this is
     * prepare and sync alike, as in mini-buildd.
     */
    public void update(RepositoryConfig repository) {
        validate(repository);
        var reprepro = reprepro(repository.identity());
        reprepro.locked(() -> {
            try {
                var conf = reprepro.basedir().resolve("conf");
                Files.createDirectories(conf);
                boolean changed = write(conf.resolve("distributions"), distributions(repository))
                        | write(conf.resolve("options"), RepreproConf.options(gnupg.directory()));
                var dists = reprepro.basedir().resolve("dists");
                if (changed || !Files.isDirectory(dists)) {
                    // reprepro cannot export snapshots again, and those of a vanished distribution still hold
                    // their packages in the pool: let reprepro forget them before the distribution goes.
                    boolean unreferenced = unreferenceVanishedSnapshots(reprepro, dists, new HashSet<>(RepreproConf.diststrs(repository)));
                    reprepro.run("--delete", "clearvanished");
                    if (unreferenced) {
                        reprepro.run("deleteunreferenced");
                    }
                    reprepro.run("export");
                    dropVanished(dists, new HashSet<>(RepreproConf.diststrs(repository)));
                }
                // Repairs only: a Release left unsigned before reprepro signed (a repository from then, a crash).
                ReleaseSigner.signStale(reprepro.basedir(), keys.get());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the repository " + repository.identity(), e);
            }
        });
    }

    /**
     * A repository whose configuration was written before reprepro signed its exports (the same but for
     * {@code SignWith}) is brought up to date: written again and exported, now signed by reprepro. Anything else on
     * disk is left for prepare. Returns whether it upgraded.
     */
    public boolean upgradeSigning(RepositoryConfig repository) {
        var conf = directory(repository.identity()).resolve("conf/distributions");
        try {
            if (!Files.isRegularFile(conf) || !Files.readString(conf).equals(RepreproConf.withoutSignWith(distributions(repository)))) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + conf, e);
        }
        update(repository);
        return true;
    }

    /**
     * Checks the repository as apt and reprepro see it: the configuration on disk is the current one, reprepro's
     * database and pool agree ({@code reprepro check}, {@code checkpool fast}), and every distribution has a Release
     * whose InRelease and Release.gpg verify against the instance key.
     */
    public void check(RepositoryConfig repository) {
        var reprepro = reprepro(repository.identity());
        var conf = reprepro.basedir().resolve("conf/distributions");
        try {
            upgradeSigning(repository);
            if (!Files.isRegularFile(conf) || !Files.readString(conf).equals(distributions(repository))) {
                throw new RepositoryException("the reprepro configuration on disk is not the current one: prepare the repository again");
            }
            reprepro.run("check");
            reprepro.run("checkpool", "fast");
            // A Release exported before reprepro signed (an older repository) is signed before judging.
            ReleaseSigner.signStale(reprepro.basedir(), keys.get());
            var key = keys.get().publicKeyring();
            var dists = reprepro.basedir().resolve("dists");
            for (var diststr : RepreproConf.diststrs(repository)) {
                if (!Files.isRegularFile(dists.resolve(diststr).resolve("Release"))) {
                    throw new RepositoryException(diststr + " has no Release: prepare the repository again");
                }
            }
            // Snapshots are checked alike: apt reads them as it reads the distributions.
            for (var dist : ReleaseSigner.releaseDirectories(dists)) {
                var name = dists.relativize(dist).toString();
                var content = Files.readAllBytes(dist.resolve("Release"));
                var verified = verifier.verifyClearsigned(Files.readString(dist.resolve("InRelease"), StandardCharsets.UTF_8), key);
                if (!verified.content().stripTrailing().equals(new String(content, StandardCharsets.UTF_8).stripTrailing())) {
                    throw new RepositoryException(name + ": InRelease does not carry the current Release");
                }
                verifier.verifyDetached(content, Files.readString(dist.resolve("Release.gpg"), StandardCharsets.US_ASCII), key);
            }
        } catch (IOException e) {
            throw new RepositoryException("cannot read the repository " + repository.identity() + ": " + e.getMessage(), e);
        } catch (VerificationException e) {
            throw new RepositoryException("a Release signature of " + repository.identity() + " does not verify: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the repository off the system. mini-buildd deletes it; here it is moved aside to
     * {@code home/removed/repositories/<identity>-<time>} so no package is lost by a click.
     */
    public void remove(String identity) {
        var dir = home.repository(identity);
        if (!Files.exists(dir)) {
            return;
        }
        reprepro(identity).locked(() -> {
            try {
                var aside = home.removedRepositories();
                Files.createDirectories(aside);
                Files.move(dir, aside.resolve(identity + "-" + Instant.now().toString().replace(':', '-')), StandardCopyOption.ATOMIC_MOVE);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the repository " + identity + " aside", e);
            }
        });
    }

    private String distributions(RepositoryConfig repository) {
        return RepreproConf.distributions(repository, keys.get().fingerprint());
    }

    /** What reprepro cannot express and mini-buildd refuses before it writes anything. */
    static void validate(RepositoryConfig repository) {
        if (repository.distributions().isEmpty()) {
            throw new RepositoryException("repository " + repository.identity() + " has no distribution");
        }
        for (var distribution : repository.distributions()) {
            if (distribution.mandatoryArchitectures().isEmpty()) {
                throw new RepositoryException(distribution.codename() + ": there must be at least one mandatory architecture");
            }
            if (distribution.archAll().isEmpty()) {
                throw new RepositoryException(distribution.codename() + ": one architecture must build the arch-all packages");
            }
            if (!distribution.components().contains("main")) {
                throw new RepositoryException(distribution.codename() + ": the component main is missing");
            }
        }
    }

    /** Writes the file unless it has that content already (temporary file, then rename); returns whether it wrote. */
    static boolean write(Path file, String content) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            return false;
        }
        var temporary = file.resolveSibling("." + file.getFileName() + ".new");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private static boolean unreferenceVanishedSnapshots(Reprepro reprepro, Path dists, java.util.Set<String> configured) throws IOException {
        boolean any = false;
        for (var dist : ReleaseSigner.releaseDirectories(dists)) {
            var relative = dists.relativize(dist);
            if (relative.getNameCount() == 3 && !configured.contains(relative.getName(0).toString())) {
                reprepro.run("unreferencesnapshot", relative.getName(0).toString(), relative.getName(2).toString());
                any = true;
            }
        }
        return any;
    }

    /** Exported indices of distributions no longer configured: their packages are gone after clearvanished. */
    private static void dropVanished(Path dists, java.util.Set<String> configured) throws IOException {
        if (!Files.isDirectory(dists)) {
            return;
        }
        try (var entries = Files.list(dists)) {
            for (var dist : entries.filter(d -> !configured.contains(d.getFileName().toString())).toList()) {
                Trees.delete(dist);
            }
        }
    }
}
