package org.minibuildd.users;

import java.time.OffsetDateTime;

/**
 * An account as the rest of the daemon sees it (never with its password hash).
 *
 * @param username unique, Django's rules ({@link Usernames})
 * @param email    may be empty
 * @param role     what the account may do
 * @param active   an inactive account can neither log in nor use a session it still has
 * @param created  when the account was made
 */
public record Account(String username, String email, Role role, boolean active, OffsetDateTime created) {
}
