package org.minibuildd.api;

import java.util.Map;

import org.minibuildd.users.Role;
import org.minibuildd.users.UserService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test-only API calls, one per authorization level and one that needs confirmation, and the accounts to call them
 * with. Every integration test of accounts imports this, so they all share one daemon (one Spring context).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCalls {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String USER = "it-user";
    public static final String STAFF = "it-staff";
    public static final String ADMIN = "it-admin";

    @Bean
    ApiCall testNone() {
        return new Echo("test_none", Auth.NONE, false);
    }

    @Bean
    ApiCall testLogin() {
        return new Echo("test_login", Auth.LOGIN, false);
    }

    @Bean
    ApiCall testStaff() {
        return new Echo("test_staff", Auth.STAFF, false);
    }

    @Bean
    ApiCall testAdmin() {
        return new Echo("test_admin", Auth.ADMIN, false);
    }

    @Bean
    ApiCall testConfirm() {
        return new Echo("test_confirm", Auth.LOGIN, true);
    }

    /**
     * Stands in for mini-buildd's {@code stop} (ADMIN, needs confirmation) so its unchanged client can be run
     * against us: the client only knows its own call names. Remove this bean when the real {@code stop} arrives
     * (the catalogue refuses two definitions of one name, so that cannot go unnoticed).
     */
    @Bean
    ApiCall referenceStop() {
        return new Echo("stop", Auth.ADMIN, true);
    }

    /** Accounts with each role, made once per daemon; idempotent so every test class may ask. */
    public static void ensureAccounts(UserService users) {
        for (var account : Map.of(USER, Role.USER, STAFF, Role.STAFF, ADMIN, Role.ADMIN).entrySet()) {
            if (users.find(account.getKey()).isEmpty()) {
                users.create(account.getKey(), PASSWORD, account.getKey() + "@example.org", account.getValue());
            }
        }
    }

    /** Answers with its own name, so a test sees which call ran. */
    record Echo(String name, Auth auth, boolean needsConfirmation) implements ApiCall {

        @Override
        public String description() {
            return "test call " + name;
        }

        @Override
        public Object run(ApiArguments arguments) {
            return Map.of("call", name, "ran", true);
        }
    }
}
