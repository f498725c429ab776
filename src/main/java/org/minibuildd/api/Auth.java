package org.minibuildd.api;

/** Who may run a call, as in mini-buildd: anybody, a logged-in user, staff, or an administrator. */
public enum Auth {
    NONE, LOGIN, STAFF, ADMIN
}
