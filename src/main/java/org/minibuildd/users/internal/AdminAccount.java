package org.minibuildd.users.internal;

import org.minibuildd.daemon.AdminPassword;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The {@code admin} account, settled at every start before HTTP is served: it exists, is active, has the ADMIN role
 * and the password of {@link AdminPassword}, so the password file (or {@code MINIBUILDD_ADMIN_PASSWORD}) stays the
 * one truth about it and an operator locked out can always get back in.
 */
@Component
class AdminAccount {

    static final String USERNAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AccountStore store;
    private final PasswordEncoder passwords;

    AdminAccount(AccountStore store, PasswordEncoder passwords, AdminPassword adminPassword) {
        this.store = store;
        this.passwords = passwords;
        sync(adminPassword.password());
        log.info("account '{}' ready; its password is in {}", USERNAME, adminPassword.file());
    }

    void sync(String password) {
        store.settleAdmin(USERNAME, hash -> passwords.matches(password, hash), () -> passwords.encode(password));
    }
}
