package org.minibuildd.openpgp;

/**
 * Input given as an OpenPGP public key is not one. The message is a complete sentence about the input alone
 * ("Not an OpenPGP public key: …"), so a caller can prefix the name of the field the user filled in.
 */
public final class KeyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the input; a closed set. */
    public enum Reason {
        /** Nothing (or only blanks) was given. */
        EMPTY,
        /** The input is something else: text, an X.509 certificate, a GnuPG keybox, damaged packets. */
        NOT_OPENPGP,
        /** A secret key was given where a public key belongs. */
        SECRET_KEY,
        /** More or fewer keys than expected (e.g. a keyring where one key was asked for). */
        KEY_COUNT
    }

    private final Reason reason;

    public KeyFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KeyFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
