package org.minibuildd.openpgp;

/**
 * The instance key cannot be read, written or used: a file system problem or a damaged key file. The message
 * names the file; the daemon cannot sign repositories until this is fixed, so it is not meant to be caught
 * and retried.
 */
public final class InstanceKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InstanceKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    public InstanceKeyException(String message) {
        super(message);
    }
}
