package org.minibuildd.debian;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A layout's version rules: the regex an uploaded version must contain (searched, not anchored, as the reference
 * does) and the suffix automatic ports append, for normal and for experimental suites. Templates may use the
 * placeholders {@code %IDENTITY%} (repository identity) and {@code %CODEVERSION%} (see {@link Codeversion}),
 * substituted verbatim as the reference does.
 */
public record VersionRestriction(String mandatoryRegex, String experimentalMandatoryRegex, String defaultVersion,
                                 String experimentalDefaultVersion) {

    /** The Default layout (like backports): {@code ~test12+1}, experimental {@code ~test12+0}. */
    public static final VersionRestriction DEFAULT = new VersionRestriction("~%IDENTITY%%CODEVERSION%\\+[1-9]",
            "~%IDENTITY%%CODEVERSION%\\+0", "~%IDENTITY%%CODEVERSION%+1", "~%IDENTITY%%CODEVERSION%+0");

    /** The "Debian Developer" layout: any version is accepted. */
    public static final VersionRestriction NONE = new VersionRestriction(".*", ".*", DEFAULT.defaultVersion,
            DEFAULT.experimentalDefaultVersion);

    public VersionRestriction {
        for (String regex : new String[] {mandatoryRegex, experimentalMandatoryRegex}) {
            try {
                Pattern.compile(substitute(regex, "x", "0"));
            } catch (PatternSyntaxException e) {
                throw DebianFormatException.of("Version restriction \"" + regex + "\"",
                        "not a valid regular expression: " + e.getDescription());
            }
        }
    }

    /** The regex for one repository and base distribution, e.g. {@code ~test12\+[1-9]}. */
    public String mandatoryRegex(String identity, String codeversion, boolean experimental) {
        return substitute(experimental ? experimentalMandatoryRegex : mandatoryRegex, identity, codeversion);
    }

    public boolean matches(Version version, String identity, String codeversion, boolean experimental) {
        return Pattern.compile(mandatoryRegex(identity, codeversion, experimental)).matcher(version.toString()).find();
    }

    /** Throws a fault naming the suite and the regex unless {@code version} satisfies the restriction. */
    public void check(Version version, String identity, String codeversion, String suite, boolean experimental) {
        if (!matches(version, identity, codeversion, experimental)) {
            throw DebianFormatException.of("Version \"" + version + "\"", "version restriction of suite \"" + suite
                    + "\" failed: \"" + mandatoryRegex(identity, codeversion, experimental) + "\" not found in it");
        }
    }

    /** The suffix an automatic port appends, e.g. {@code ~test12+1}. */
    public String portSuffix(String identity, String codeversion, boolean experimental) {
        return substitute(experimental ? experimentalDefaultVersion : defaultVersion, identity, codeversion);
    }

    /** An external port (any .dsc): the port suffix appended, e.g. {@code 1.0-1} → {@code 1.0-1~test12+1}. */
    public Version externalPortVersion(Version version, String identity, String codeversion, boolean experimental) {
        return Version.parse(version + portSuffix(identity, codeversion, experimental));
    }

    /**
     * An internal port between distributions, as the reference computes it: the rightmost match of the source
     * distribution's mandatory regex is replaced by the target's port suffix, keeping the source's "+N" number
     * and anything after it ({@code 1.2.3-1~test12+4fud15} → {@code 1.2.3-1~test11+4fud15}); without a match the
     * suffix is appended.
     */
    public static Version internalPortVersion(Version version, String fromMandatoryRegex, String toPortSuffix) {
        String v = version.toString();
        String fromAppendix = rightmost(Pattern.compile(fromMandatoryRegex), v);
        String plusRevision = fromAppendix == null ? null : rightmost(PLUS_DIGIT, fromAppendix);
        String suffix = fromAppendix != null && !fromAppendix.isEmpty() && plusRevision != null
                ? replaceRightmost(PLUS_DIGIT, plusRevision, toPortSuffix) : toPortSuffix;
        return Version.parse(replaceRightmost(Pattern.compile(fromMandatoryRegex), suffix, v));
    }

    /** A rebuild in the same distribution: {@code +rebuilt<stamp>} appended or replaced ({@code stamp}: 14 digits). */
    public static Version rebuildVersion(Version version, String stamp) {
        return Version.parse(replaceRightmost(Pattern.compile("\\+rebuilt[0-9]{" + stamp.length() + "}"),
                "+rebuilt" + stamp, version.toString()));
    }

    private static final Pattern PLUS_DIGIT = Pattern.compile("\\+[0-9]");

    private static String rightmost(Pattern p, String s) {
        var m = p.matcher(s);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** The rightmost match of {@code p} in {@code s} replaced (appended when there is none). */
    static String replaceRightmost(Pattern p, String replacement, String s) {
        var m = p.matcher(s);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        return start < 0 ? s + replacement : s.substring(0, start) + replacement + s.substring(end);
    }

    private static String substitute(String template, String identity, String codeversion) {
        return template.replace("%IDENTITY%", identity).replace("%CODEVERSION%", codeversion);
    }
}
