package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload options given in the top changelog block as {@code * MINI_BUILDD_OPTION: <key>[[<arch>]]=<value>}.
 *
 * <p>Values are checked when parsed (modes, numbers, distribution strings) and kept in a normalised text form.
 * Unlike the reference, a value runs to the end of its line (the reference stops at '.' or '*' and drops all
 * blanks), so {@code deb-build-options=nocheck parallel=2} means what it says. The deprecated boolean keys
 * {@code ignore-lintian} and {@code run-lintian} are translated to {@code lintian-mode} as the reference does.
 */
public final class UploadOptions {

    /** The option keys users write. */
    public enum Key {
        LINTIAN_MODE("lintian-mode"),
        PIUPARTS_MODE("piuparts-mode"),
        AUTOPKGTEST_MODE("autopkgtest-mode"),
        INTERNAL_APT_PRIORITY("internal-apt-priority"),
        AUTO_PORTS("auto-ports"),
        DEB_BUILD_OPTIONS("deb-build-options"),
        DEB_BUILD_PROFILES("deb-build-profiles"),
        ADD_DEPENDS("add-depends");

        private final String key;

        Key(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Optional<Key> of(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }
    }

    public static final String KEYWORD = "MINI_BUILDD_OPTION";
    public static final UploadOptions NONE = new UploadOptions(Map.of());

    private static final Pattern OPTION_LINE = Pattern.compile("\\*\\s*" + KEYWORD + ":\\s*(.*)");
    private static final Pattern KEY = Pattern.compile("([a-z-]+)(?:\\[([a-z0-9-]+)])?");
    private static final Pattern TOP_BLOCK_HEADER = Pattern.compile("^ [a-z0-9]+");

    /** key or key[arch] → normalised value, in the order given. */
    private final Map<String, String> options;

    private UploadOptions(Map<String, String> options) {
        this.options = Collections.unmodifiableMap(options);
    }

    /** Reads the options from the body lines of one changelog block. */
    public static UploadOptions parse(List<String> lines) {
        var options = new LinkedHashMap<String, String>();
        for (String line : lines) {
            Matcher m = OPTION_LINE.matcher(line);
            if (m.find()) {
                set(options, m.group(1).strip());
            }
        }
        return options.isEmpty() ? NONE : new UploadOptions(options);
    }

    /**
     * Reads the options from a {@code .changes}' {@code Changes} field, considering only its top changelog block
     * (ports carry several blocks, the older ones must not count), the way the reference does.
     */
    public static UploadOptions fromChangesField(String changes) {
        var top = new ArrayList<String>();
        boolean header = false;
        for (String line : changes.split("\n", -1)) {
            if (TOP_BLOCK_HEADER.matcher(line).find()) {
                if (header) {
                    break;
                }
                header = true;
            }
            top.add(line);
        }
        return parse(top);
    }

    public static UploadOptions of(Changes changes) {
        return fromChangesField(changes.changes());
    }

    private static void set(Map<String, String> options, String assignment) {
        int eq = assignment.indexOf('=');
        String key = (eq < 0 ? assignment : assignment.substring(0, eq)).strip();
        String subject = "Upload option \"" + key + "\"";
        if (eq < 0) {
            throw DebianFormatException.of(subject, "expected \"<key>[[<arch>]]=<value>\"");
        }
        String value = assignment.substring(eq + 1).strip();
        Matcher km = KEY.matcher(key);
        if (!km.matches()) {
            throw DebianFormatException.of(subject, "expected \"<key>\" or \"<key>[<arch>]\"");
        }
        String base = km.group(1);
        String arch = km.group(2);
        String suffix = arch == null ? "" : "[" + arch + "]";
        if (value.isEmpty()) {
            throw DebianFormatException.of(subject, "value must not be empty");
        }
        // Deprecated boolean keys still work, as in the reference.
        if (base.equals("ignore-lintian") || base.equals("run-lintian")) {
            boolean on = bool(subject, value);
            value = base.equals("ignore-lintian") ? (on ? "IGNORE" : "ERRFAIL") : (on ? "ERRFAIL" : "DISABLED");
            base = Key.LINTIAN_MODE.key();
        }
        Key k = Key.of(base).orElseThrow(() -> DebianFormatException.of(subject, "unknown option (known: "
                + String.join(", ", Arrays.stream(Key.values()).map(Key::key).toList()) + ")"));
        if (k == Key.AUTO_PORTS && arch != null) {
            throw DebianFormatException.of(subject, "auto-ports does not take an architecture");
        }
        String normalised = normalise(subject, k, value);
        String full = k.key() + suffix;
        String previous = options.putIfAbsent(full, normalised);
        if (previous != null) {
            throw DebianFormatException.of("Upload option \"" + full + "\"", "given twice (first as \""
                    + previous + "\")");
        }
    }

    private static String normalise(String subject, Key k, String value) {
        try {
            return switch (k) {
                case LINTIAN_MODE, PIUPARTS_MODE, AUTOPKGTEST_MODE -> CheckMode.parse(value).name();
                case INTERNAL_APT_PRIORITY -> Integer.toString(Integer.parseInt(value));
                case AUTO_PORTS -> String.join(",", Arrays.stream(value.split(",", -1))
                        .map(d -> DistributionString.parse(d.strip()).toString()).toList());
                case DEB_BUILD_OPTIONS, DEB_BUILD_PROFILES, ADD_DEPENDS -> value;
            };
        } catch (NumberFormatException e) {
            throw DebianFormatException.of(subject, "value \"" + value + "\" is not a whole number");
        } catch (DebianFormatException e) {
            throw DebianFormatException.of(subject, "invalid value: " + e.getMessage());
        }
    }

    private static boolean bool(String subject, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw DebianFormatException.of(subject, "value must be one of true, 1, false, 0");
        };
    }

    /** The value for {@code arch} ({@code key[arch]}), else the architecture-less one; {@code arch} may be null. */
    public Optional<String> get(Key key, String arch) {
        if (arch != null) {
            String v = options.get(key.key() + "[" + arch + "]");
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.ofNullable(options.get(key.key()));
    }

    public Optional<CheckMode> checkMode(Key key, String arch) {
        if (key != Key.LINTIAN_MODE && key != Key.PIUPARTS_MODE && key != Key.AUTOPKGTEST_MODE) {
            throw new IllegalArgumentException(key.key() + " is not a check mode option");
        }
        return get(key, arch).map(CheckMode::valueOf);
    }

    public OptionalInt internalAptPriority(String arch) {
        return get(Key.INTERNAL_APT_PRIORITY, arch).map(v -> OptionalInt.of(Integer.parseInt(v)))
                .orElse(OptionalInt.empty());
    }

    public List<DistributionString> autoPorts() {
        return get(Key.AUTO_PORTS, null).map(v -> Arrays.stream(v.split(","))
                .map(DistributionString::parse).toList()).orElse(List.of());
    }

    /** All options as given: {@code key} or {@code key[arch]} → normalised value. */
    public Map<String, String> asMap() {
        return options;
    }

    public boolean isEmpty() {
        return options.isEmpty();
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
