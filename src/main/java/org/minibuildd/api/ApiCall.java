package org.minibuildd.api;

import java.util.List;

/**
 * One API call. Its definition is the single source for the endpoint, the form on the API page and the CLI.
 * The result is a JSON-able value (records, maps, lists) whose shape matches mini-buildd's.
 */
public interface ApiCall {

    String name();

    String description();

    Auth auth();

    /** Changing calls must be repeated with {@code confirm=<name>}. */
    default boolean needsConfirmation() {
        return false;
    }

    default List<ApiArgument> arguments() {
        return List.of();
    }

    Object run(ApiArguments arguments);

    /** Where the html output links to for these arguments; none by default. */
    default java.util.Optional<ApiLink> link(ApiArguments arguments) {
        return java.util.Optional.empty();
    }
}
