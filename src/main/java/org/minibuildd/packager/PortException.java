package org.minibuildd.packager;

/**
 * A port refused before anything was uploaded: nothing changed. {@code status} is the HTTP status the refusal
 * answers with (404 for a source that is not there, 400 for every other bad request).
 */
public final class PortException extends RuntimeException {

    private final int status;

    public PortException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PortException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
