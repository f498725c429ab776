package org.minibuildd.users.internal;

import org.minibuildd.users.Role;
import org.minibuildd.users.Usernames;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Accounts for Spring Security's login (form and HTTP Basic). An account is granted its role and every role below
 * it, so {@code hasRole("STAFF")} holds for an administrator too; an inactive account is disabled.
 */
@Component
class AccountDetails implements UserDetailsService {

    private final AccountStore store;

    AccountDetails(AccountStore store) {
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (!Usernames.isValid(username)) {
            throw new UsernameNotFoundException("no such account");
        }
        var hash = store.findHash(username).orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(username)
                .password(hash.hash())
                .disabled(!hash.active())
                .authorities(hash.role().included().stream().map(Role::authority).toArray(String[]::new))
                .build();
    }
}
