package org.minibuildd.repository;

/** A repository operation reprepro (or the repository on disk) refused; the message says why, in reprepro's words. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
