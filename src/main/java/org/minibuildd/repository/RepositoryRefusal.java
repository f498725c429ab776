package org.minibuildd.repository;

/**
 * A repository request refused before anything changed because of what was asked (an unknown distribution, a name
 * taken): the caller's mistake, not a failure of the repository.
 */
public class RepositoryRefusal extends RepositoryException {

    public RepositoryRefusal(String message) {
        super(message);
    }
}
