package org.minibuildd.config.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.config.ConfigException;
import org.springframework.stereotype.Component;

/**
 * Which Debian codenames are worth setting up today, from Debian's {@code distro-info-data} (what
 * {@code debian-distro-info --supported} reads): released or in development and not past end of life; with
 * {@code lts}, also those in long term support; with {@code all}, every codename.
 */
@Component
public class DistroInfo {

    public enum Scope { SUPPORTED, LTS, ALL }

    private final Path csv;

    DistroInfo() {
        this(Path.of("/usr/share/distro-info/debian.csv"));
    }

    DistroInfo(Path csv) {
        this.csv = csv;
    }

    public List<String> codenames(Scope scope, LocalDate today) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("from_origins", "cannot read " + csv + ": install distro-info-data", e);
        }
        var codenames = new ArrayList<String>();
        for (var line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            // version,codename,series,created,release,eol,eol-lts,eol-elts
            var fields = (line + ",,,,,,,").split(",", -1);
            var series = fields[2];
            if (series.isBlank() || series.equals("experimental")) {
                continue;
            }
            boolean created = !fields[3].isBlank() && !LocalDate.parse(fields[3]).isAfter(today);
            boolean ended = !fields[5].isBlank() && !LocalDate.parse(fields[5]).isAfter(today);
            boolean ltsEnded = fields[6].isBlank() ? ended : !LocalDate.parse(fields[6]).isAfter(today);
            boolean wanted = switch (scope) {
                case SUPPORTED -> created && !ended;
                case LTS -> created && !ltsEnded;
                case ALL -> true;
            };
            if (wanted) {
                codenames.add(series);
            }
        }
        return codenames;
    }
}
