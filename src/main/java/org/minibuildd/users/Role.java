package org.minibuildd.users;

import java.util.Arrays;
import java.util.List;

/**
 * What an account may do. Ordered from least to most: an administrator may do everything staff may, staff
 * everything a user may (mini-buildd's superuser, staff and plain logged-in user).
 */
public enum Role {
    USER, STAFF, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The Spring Security authority of this role, e.g. {@code ROLE_STAFF}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** This role and every role it includes: the authorities a logged-in account is granted. */
    public List<Role> included() {
        return Arrays.stream(values()).filter(this::includes).toList();
    }
}
