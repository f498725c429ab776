package org.minibuildd.api;

import java.util.List;

/**
 * One argument of an API call.
 *
 * @param name         the argument's name in URLs ({@code with_repositories}); the CLI option is derived from it
 * @param type         how the value is read
 * @param required     whether the call fails without it
 * @param defaultValue the value when not given ({@code null}: none)
 * @param help         one line for the API page and the CLI
 */
public record ApiArgument(String name, Type type, boolean required, String defaultValue, String help) {

    /** {@code MULTILINE} is a string that may span lines (an armored key): a text area on the API page. */
    public enum Type { BOOL, STRING, INT, LIST, MULTILINE }

    public static ApiArgument bool(String name, String help) {
        return new ApiArgument(name, Type.BOOL, false, "false", help);
    }

    /** The long command line option, mini-buildd style: {@code with_repositories} → {@code --with-repositories}. */
    public String option() {
        return "--" + name.replace('_', '-');
    }

    public List<String> choices() {
        return type == Type.BOOL ? List.of("true", "false") : List.of();
    }
}
