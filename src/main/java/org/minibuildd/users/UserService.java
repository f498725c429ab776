package org.minibuildd.users;

import java.util.List;
import java.util.Optional;

import org.minibuildd.users.internal.AccountStore;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Accounts: find, create, change role, activate or deactivate, set and check passwords. Passwords are only ever
 * stored hashed (bcrypt through Spring's delegating encoder, so the stored form names its scheme).
 */
@Service
public class UserService {

    private final AccountStore store;
    private final PasswordEncoder passwords;

    UserService(AccountStore store, PasswordEncoder passwords) {
        this.store = store;
        this.passwords = passwords;
    }

    public Optional<Account> find(String username) {
        return Usernames.isValid(username) ? store.find(username) : Optional.empty();
    }

    public List<Account> all() {
        return store.all();
    }

    /**
     * A new, active account.
     *
     * @throws IllegalArgumentException for an invalid user name, an empty password or a name already taken
     */
    public Account create(String username, String password, String email, Role role) {
        Usernames.check(username);
        if (!store.insert(username, passwords.encode(checkPassword(password)), email == null ? "" : email.strip(), role)) {
            throw new IllegalArgumentException("an account named \"" + username + "\" exists already");
        }
        return store.find(username).orElseThrow();
    }

    public void setRole(String username, Role role) {
        require(store.updateRole(username, role), username);
    }

    public void activate(String username) {
        require(store.updateActive(username, true), username);
    }

    public void deactivate(String username) {
        require(store.updateActive(username, false), username);
    }

    public void setPassword(String username, String password) {
        require(store.updatePassword(username, passwords.encode(checkPassword(password))), username);
    }

    /** True only for an existing, active account whose password this is. */
    public boolean checkPassword(String username, String password) {
        if (!Usernames.isValid(username) || password == null) {
            return false;
        }
        return store.findHash(username).filter(h -> h.active() && passwords.matches(password, h.hash())).isPresent();
    }

    /**
     * The role an account may act with right now: empty when the account is gone or deactivated. Asked at every
     * authorized API call, so a role change or a deactivation applies to sessions that are already open.
     */
    public Optional<Role> activeRole(String username) {
        return find(username).filter(Account::active).map(Account::role);
    }

    private static String checkPassword(String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        return password;
    }

    private static void require(boolean changed, String username) {
        if (!changed) {
            throw new IllegalArgumentException("there is no account named \"" + username + "\"");
        }
    }
}
