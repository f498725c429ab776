package org.minibuildd.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minibuildd.db.Tables.ACCOUNT;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.minibuildd.api.TestCalls;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.DaemonIT;
import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** Accounts in the real database: creation rules, roles, activation, hashed passwords, the admin account. */
@Import(TestCalls.class)
class AccountsIT extends DaemonIT {

    @Autowired
    UserService users;

    @Autowired
    AdminAccount adminAccount;

    @Autowired
    AdminPassword adminPassword;

    @Autowired
    DSLContext db;

    private String storedHash(String username) {
        return db.select(ACCOUNT.PASSWORD).from(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).fetchOne(ACCOUNT.PASSWORD);
    }

    @Test
    void adminExistsWithThePasswordOfTheAdminPasswordFile() {
        var admin = users.find("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.active()).isTrue();
        assertThat(users.checkPassword("admin", adminPassword.password())).isTrue();
        assertThat(users.checkPassword("admin", adminPassword.password() + "x")).isFalse();
        assertThat(storedHash("admin")).startsWith("{bcrypt}$2").doesNotContain(adminPassword.password());
    }

    @Test
    void theStartUpSyncMakesAdminWhatThePasswordFileSays() {
        var original = adminPassword.password();
        var hashBefore = storedHash("admin");
        try {
            // Same password: nothing rewritten (bcrypt would give a new hash each time).
            adminAccount.sync(original);
            assertThat(storedHash("admin")).isEqualTo(hashBefore);

            // A changed file or MINIBUILDD_ADMIN_PASSWORD at the next start; meanwhile someone demoted and locked admin.
            users.setRole("admin", Role.USER);
            users.deactivate("admin");
            adminAccount.sync("a new admin password");
            assertThat(users.checkPassword("admin", "a new admin password")).isTrue();
            assertThat(users.checkPassword("admin", original)).isFalse();
            assertThat(users.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
            assertThat(users.find("admin").orElseThrow().active()).isTrue();
        } finally {
            adminAccount.sync(original);
        }
        assertThat(users.checkPassword("admin", original)).isTrue();
    }

    @Test
    void createFindChangeAndCheck() {
        var name = "it-service.user+1@example.org";
        var account = users.create(name, "s3cret pass", " it@example.org ", Role.USER);
        assertThat(account.username()).isEqualTo(name);
        assertThat(account.email()).isEqualTo("it@example.org");
        assertThat(account.role()).isEqualTo(Role.USER);
        assertThat(account.active()).isTrue();
        assertThat(account.created()).isNotNull();
        assertThat(users.all()).extracting(a -> a.username()).contains(name, "admin");
        assertThat(storedHash(name)).startsWith("{bcrypt}");

        assertThat(users.checkPassword(name, "s3cret pass")).isTrue();
        assertThat(users.checkPassword(name, "S3cret pass")).isFalse();
        users.setPassword(name, "another");
        assertThat(users.checkPassword(name, "another")).isTrue();

        users.setRole(name, Role.STAFF);
        assertThat(users.activeRole(name)).contains(Role.STAFF);
        users.deactivate(name);
        assertThat(users.activeRole(name)).isEmpty();
        assertThat(users.checkPassword(name, "another")).isFalse();
        users.activate(name);
        assertThat(users.activeRole(name)).contains(Role.STAFF);

        assertThatThrownBy(() -> users.create(name, "x", "", Role.USER)).hasMessageContaining("exists already");
        assertThatThrownBy(() -> users.create("bad name", "x", "", Role.USER)).hasMessageContaining("invalid user name");
        assertThatThrownBy(() -> users.create("it-empty-password", " ", "", Role.USER)).hasMessageContaining("password");
        assertThatThrownBy(() -> users.setRole("it-no-such-account", Role.ADMIN)).hasMessageContaining("no account");
        assertThat(users.find("it-no-such-account")).isEmpty();
        assertThat(users.find("bad name")).isEmpty();
        assertThat(users.checkPassword("it-no-such-account", "x")).isFalse();
    }
}
