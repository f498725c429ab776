package org.minibuildd.builder.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads debootstrap's {@code I:} lines as they come: each package is validated (after download), unpacked and
 * configured, so three steps per package make the fraction. The package count is only known once the download
 * is over, so the fraction stays near a third during it and then moves steadily.
 */
public final class DebootstrapLog {

    private final Set<String> packages = new HashSet<>();
    private int validated;
    private int unpacked;
    private int configured;
    private String last = "";

    public static DebootstrapLog of(List<String> lines) {
        var log = new DebootstrapLog();
        lines.forEach(log::line);
        return log;
    }

    void line(String line) {
        if (!line.startsWith("I: ")) {
            return;
        }
        last = line.substring(3).strip();
        var words = last.split("\\s+");
        if (words.length < 2) {
            return;
        }
        var name = words[1].replaceAll("\\.\\.\\.$", "");
        switch (words[0]) {
            case "Retrieving" -> packages.add(name);
            case "Validating" -> {
                packages.add(name);
                validated++;
            }
            case "Unpacking" -> unpacked++;
            case "Configuring" -> configured++;
            default -> { }
        }
    }

    public int packages() {
        return packages.size();
    }

    public double fraction() {
        if (packages.isEmpty()) {
            return 0;
        }
        return Math.min(0.99, (validated + unpacked + configured) / (3.0 * packages.size()));
    }

    /** debootstrap's last information line, e.g. "Configuring libc-bin...". */
    public String last() {
        return last;
    }
}
