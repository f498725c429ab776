package org.minibuildd.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The arguments of one call, already checked against the call's definition. */
public final class ApiArguments {

    private final Map<String, String> values;
    private final String caller;

    private ApiArguments(Map<String, String> values, String caller) {
        this.values = values;
        this.caller = caller;
    }

    /** Reads raw query values against the call's arguments; a missing required or malformed value is refused. */
    public static ApiArguments parse(ApiCall call, Map<String, String> raw) {
        return parse(call, raw, null);
    }

    /** As {@link #parse(ApiCall, Map)}, for a call made by the logged-in user {@code caller} ({@code null}: anonymous). */
    public static ApiArguments parse(ApiCall call, Map<String, String> raw, String caller) {
        var values = new java.util.LinkedHashMap<String, String>();
        for (var argument : call.arguments()) {
            var value = raw.get(argument.name());
            if (value == null || value.isEmpty()) {
                if (argument.required()) {
                    throw new ApiException(400, "Missing argument",
                            "API call '" + call.name() + "' needs argument '" + argument.name() + "': " + argument.help());
                }
                value = argument.defaultValue();
            }
            if (value != null) {
                values.put(argument.name(), check(call, argument, value));
            }
        }
        return new ApiArguments(values, caller);
    }

    /** The user name of the logged-in caller; empty for an anonymous call. */
    public java.util.Optional<String> caller() {
        return java.util.Optional.ofNullable(caller);
    }

    private static String check(ApiCall call, ApiArgument argument, String value) {
        switch (argument.type()) {
            case BOOL -> {
                var lower = value.toLowerCase(Locale.ROOT);
                if (!List.of("true", "false", "1", "0", "yes", "no", "on", "off").contains(lower)) {
                    throw invalid(call, argument, value, "true or false");
                }
                return String.valueOf(List.of("true", "1", "yes", "on").contains(lower));
            }
            case INT -> {
                try {
                    return String.valueOf(Integer.parseInt(value.strip()));
                } catch (NumberFormatException e) {
                    throw invalid(call, argument, value, "a whole number");
                }
            }
            default -> {
                return value;
            }
        }
    }

    private static ApiException invalid(ApiCall call, ApiArgument argument, String value, String expected) {
        return new ApiException(400, "Invalid argument", "API call '" + call.name() + "': argument '" + argument.name()
                + "' must be " + expected + ", not \"" + value + "\"");
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    public String string(String name) {
        return values.get(name);
    }

    public int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    public List<String> list(String name) {
        var value = values.get(name);
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
