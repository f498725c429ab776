package org.minibuildd.debian;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The version a no-changes port gets, by mini-buildd's rules: the same distribution is a rebuild
 * ({@code +rebuilt<stamp>}); another distribution an internal port (the source distribution's mandatory suffix
 * replaced by the target's default one, keeping its {@code +N} and what follows); an external .dsc gets the target's
 * default suffix appended.
 *
 * <p>One deliberate difference: between an experimental and a non-experimental suite the {@code +N} is not carried
 * over. The reference carries it, so {@code 1.0-1~test12+1} ported to experimental stays {@code ~test12+1} and is
 * then refused by experimental's own rule ({@code ~test12\+0}); here it becomes {@code ~test12+0}, and a port out of
 * experimental {@code ~test12+1}.
 */
public final class PortVersion {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private PortVersion() {
    }

    /**
     * One end of a port: a distribution's version rule with its repository identity and base codeversion.
     *
     * @param distribution the full distribution string, e.g. {@code bookworm-test-unstable}
     */
    public record End(String distribution, VersionRestriction rule, String identity, String codeversion, boolean experimental) {

        String mandatoryRegex() {
            return rule.mandatoryRegex(identity, codeversion, experimental);
        }

        String defaultSuffix() {
            return rule.portSuffix(identity, codeversion, experimental);
        }
    }

    /** An internal port (or, when both ends are the same distribution, a rebuild) of an installed version. */
    public static Version internal(Version version, End from, End to, String stamp) {
        if (from.distribution().equals(to.distribution())) {
            return VersionRestriction.rebuildVersion(version, stamp);
        }
        if (from.experimental() != to.experimental()) {
            return replaceMandatory(version, from.mandatoryRegex(), to.defaultSuffix());
        }
        return VersionRestriction.internalPortVersion(version, from.mandatoryRegex(), to.defaultSuffix());
    }

    /** An external port: the target's default suffix appended to the .dsc's version. */
    public static Version external(Version version, End to) {
        return to.rule().externalPortVersion(version, to.identity(), to.codeversion(), to.experimental());
    }

    /** The rebuild stamp for now, as the reference writes it (UTC, {@code yyyyMMddHHmmss}). */
    public static String stamp(ZonedDateTime now) {
        return STAMP.format(now.withZoneSameInstant(ZoneOffset.UTC));
    }

    private static Version replaceMandatory(Version version, String regex, String suffix) {
        return Version.parse(VersionRestriction.replaceRightmost(java.util.regex.Pattern.compile(regex), suffix, version.toString()));
    }
}
