package org.minibuildd.config.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.debian.Codeversion;
import org.minibuildd.debian.DebianFormatException;
import org.minibuildd.debian.Release;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.openpgp.VerificationException;
import org.springframework.stereotype.Component;

/**
 * A Source is prepared by reading its signed {@code InRelease} from every archive that carries it: the signature
 * must verify against the Source's AptKeys, Origin and Codename must match; architectures, components and the
 * codeversion are recorded. A check reads them again (a Release may expire or be re-signed).
 */
@Component
class SourceHooks implements StatusHooks {

    /** Release dates as archives write them: "Tue, 01 Dec 2026 00:34:33 UTC" (RFC 1123 with a zone name). */
    private static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss z", java.util.Locale.ENGLISH);

    private final SourceStore sources;
    private final AptKeyStore aptKeys;
    private final ReleaseFetcher fetcher;
    private final SignatureVerifier verifier;
    private final Clock clock = Clock.systemUTC();

    SourceHooks(SourceStore sources, AptKeyStore aptKeys, ReleaseFetcher fetcher, SignatureVerifier verifier) {
        this.sources = sources;
        this.aptKeys = aptKeys;
        this.fetcher = fetcher;
        this.verifier = verifier;
    }

    @Override
    public ObjectType type() {
        return ObjectType.SOURCE;
    }

    @Override
    public List<ObjectRef> dependencies(ObjectRef object) {
        return sources.aptKeyIds(ObjectKeys.source(object)).stream().map(id -> new ObjectRef(ObjectType.APT_KEY, id)).toList();
    }

    @Override
    public void prepare(ObjectRef object) {
        var source = ObjectKeys.source(object);
        sources.recordRelease(source, readRelease(source, sources.archives()));
    }

    @Override
    public void check(ObjectRef object) {
        var source = ObjectKeys.source(object);
        var recorded = sources.release(source);
        var now = readRelease(source, recorded.archives());
        if (!now.architectures().containsAll(recorded.architectures()) || !now.components().containsAll(recorded.components())) {
            throw new IllegalStateException("the Release now lists architectures " + now.architectures() + " and components "
                    + now.components() + ", prepared were " + recorded.architectures() + " and " + recorded.components()
                    + ": prepare the source again");
        }
    }

    @Override
    public void remove(ObjectRef object) {
        sources.clearRelease(ObjectKeys.source(object));
    }

    private SourceStore.ReleaseData readRelease(SourceRef source, List<String> archives) {
        var keyring = keyring(source);
        if (archives.isEmpty()) {
            throw new IllegalStateException("no archives to read dists/" + source.codename() + "/InRelease from: add an Archive");
        }
        var found = new ArrayList<String>();
        var misses = new ArrayList<String>();
        Release release = null;
        for (var archive : archives) {
            try {
                var text = fetcher.inRelease(archive, source.codename());
                if (text.isEmpty()) {
                    misses.add(archive + " has no dists/" + source.codename() + "/");
                    continue;
                }
                var verified = verify(archive, source, text.get(), keyring);
                release = verified;
                found.add(archive);
            } catch (IOException e) {
                misses.add(archive + ": " + e.getMessage());
            }
        }
        if (release == null) {
            throw new IllegalStateException("no archive carries a Release for " + source + " (" + String.join("; ", misses) + ")");
        }
        var override = sources.codeversionOverride(source);
        var codeversion = override.isBlank() ? Codeversion.of(release) : override;
        var description = release.get("Description").orElse(source.origin() + " " + source.codename());
        return new SourceStore.ReleaseData(found, release.components(), release.architectures(), codeversion, description);
    }

    /** A Release that does not verify, or does not say what it should, fails the whole prepare or check. */
    private Release verify(String archive, SourceRef source, String inRelease, Keyring keyring) {
        var where = archive + "dists/" + source.codename() + "/InRelease";
        final Release release;
        try {
            release = Release.parse(verifier.verifyClearsigned(inRelease, keyring).content());
        } catch (VerificationException e) {
            throw new IllegalStateException(where + " does not verify against the source's AptKeys "
                    + keyIds(source) + ": " + e.getMessage(), e);
        } catch (DebianFormatException e) {
            throw new IllegalStateException(where + " is not a valid Release file: " + e.getMessage(), e);
        }
        var origin = release.origin().orElse("");
        if (!origin.equals(source.origin())) {
            throw new IllegalStateException(where + " has Origin \"" + origin + "\", not \"" + source.origin() + "\"");
        }
        var codename = release.codename().orElse("");
        var suite = release.suite().orElse("");
        if (!codename.equals(source.codename()) && !suite.equals(source.codename())) {
            throw new IllegalStateException(where + " is for Codename \"" + codename + "\", not \"" + source.codename() + "\"");
        }
        release.get("Valid-Until").filter(v -> sources.checkValidUntil(source)).ifPresent(validUntil -> {
            try {
                if (ZonedDateTime.parse(validUntil, RELEASE_DATE).toInstant().isBefore(clock.instant())) {
                    throw new IllegalStateException(where + " expired (Valid-Until: " + validUntil
                            + "); for a frozen snapshot mirror, switch off the source's check_valid_until");
                }
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(where + " has an unreadable Valid-Until: " + validUntil, e);
            }
        });
        return release;
    }

    private Keyring keyring(SourceRef source) {
        var keys = sources.aptKeyIds(source).stream()
                .map(id -> Keyring.parse(aptKeys.armored(id).orElseThrow())).toList();
        if (keys.isEmpty()) {
            throw new IllegalStateException("the source has no AptKeys to verify its Release with: add the archive's signing keys");
        }
        return Keyring.union(keys);
    }

    private String keyIds(SourceRef source) {
        return String.join(", ", sources.aptKeyIds(source));
    }
}
