package org.minibuildd.builder;

/** A chroot could not be made, checked, upgraded or removed; the message says which step and why. */
public class ChrootException extends RuntimeException {

    public ChrootException(String message) {
        super(message);
    }

    public ChrootException(String message, Throwable cause) {
        super(message, cause);
    }
}
