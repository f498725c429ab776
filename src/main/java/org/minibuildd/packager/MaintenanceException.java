package org.minibuildd.packager;

/**
 * A repository maintenance request refused before anything changed: a suite that does not migrate, a source not in
 * the distribution, a version the target has already, dependencies the target cannot satisfy. The message names
 * the reason in plain words.
 */
public class MaintenanceException extends RuntimeException {

    public MaintenanceException(String message) {
        super(message);
    }
}
