package org.minibuildd.config;

import java.util.List;

/**
 * Objects of another module that {@code setup} creates and puts into use, from one of its arguments (the remote
 * module's Remotes, from {@code remotes}). Setup knows them only through this, so config depends on no such
 * module; their lifecycle runs through the {@link StatusHooks} the same module hands config.
 */
public interface SetupContribution {

    /** The setup argument the objects come from; also where the report's setup lists them. */
    String argument();

    /** The object type as the report names it ("Remote"). */
    String type();

    /**
     * The objects the request asks for, by name in their one form, each once. Reads the request only; refuses a
     * malformed value with a {@link ConfigException} on {@link #argument()}, before setup changes anything.
     */
    List<String> wanted(SetupRequest request);

    /** The object's lifecycle. */
    ObjectRef object(String name);

    boolean exists(String name);

    /** Creates the object, or brings an existing one in line with the setup. */
    void write(String name);
}
