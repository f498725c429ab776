package org.minibuildd.packager.internal;

/** An upload check failed; the message is the reason the uploader reads in the REJECTED event. */
class Rejection extends RuntimeException {

    Rejection(String reason) {
        super(reason);
    }

    Rejection(String reason, Throwable cause) {
        super(reason, cause);
    }
}
