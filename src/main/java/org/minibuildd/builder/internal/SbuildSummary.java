package org.minibuildd.builder.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the "Summary" block sbuild writes at the end of its log: {@code Name: value} lines after the boxed
 * {@code | Summary |} header, up to the next box or the end.
 */
public final class SbuildSummary {

    private SbuildSummary() {
    }

    public static Map<String, String> parse(List<String> lines) {
        var fields = new LinkedHashMap<String, String>();
        int start = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).matches("^\\|\\s+Summary\\s+\\|\\s*$")) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            return fields;
        }
        for (int i = start; i < lines.size(); i++) {
            var line = lines.get(i);
            if (line.startsWith("+---")) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            var match = java.util.regex.Pattern.compile("^([A-Z][A-Za-z-]*): ?(.*)$").matcher(line);
            if (match.matches()) {
                fields.put(match.group(1), match.group(2).strip());
            }
        }
        return fields;
    }
}
