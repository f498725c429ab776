package org.minibuildd.openpgp;

import java.util.List;

/**
 * A signature did not verify. The {@link Reason} lets callers react (e.g. reject an upload, or ask for a key to
 * be added); the message says what happened and what to do, so it can be shown to the user as is.
 */
public final class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why verification failed; a closed set. */
    public enum Reason {
        /** There is no OpenPGP signature at all. */
        NOT_SIGNED,
        /** The signature is well-formed, but none of its keys is in the keyring; see {@link #keyIds()}. */
        UNKNOWN_KEY,
        /** A key of the keyring made the signature, but the content or the signature has been changed. */
        BAD_SIGNATURE,
        /** The signed text or the signature cannot be parsed. */
        MALFORMED,
        /** The signing key has expired. */
        KEY_EXPIRED,
        /** The signing key (or the subkey that signed) has been revoked. */
        KEY_REVOKED
    }

    private final Reason reason;
    private final List<String> keyIds;

    public VerificationException(Reason reason, List<String> keyIds, String message) {
        super(message);
        this.reason = reason;
        this.keyIds = List.copyOf(keyIds);
    }

    public VerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.keyIds = List.of();
    }

    public Reason reason() {
        return reason;
    }

    /** The long key ids (16 upper-case hex digits) the signatures name as their issuers, where known. */
    public List<String> keyIds() {
        return keyIds;
    }
}
