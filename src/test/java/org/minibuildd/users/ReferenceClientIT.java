package org.minibuildd.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minibuildd.api.TestCalls;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.support.DaemonIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;


/**
 * mini-buildd 2.2.8's own command line client ({@code mini-buildd-api}, Debian package mini-buildd-utils), unchanged,
 * against our daemon: anonymous calls, its login (it logs in before every call when the endpoint names a user),
 * an ADMIN call with its confirmation, and its refusals.
 * <p>
 * The client takes passwords from python3-keyring only (or an interactive prompt); a tiny keyring backend written
 * here hands it the password from the environment.
 */
@Import(TestCalls.class)
class ReferenceClientIT extends DaemonIT {

    private static final Path CLIENT = Path.of("/usr/bin/mini-buildd-api");

    @TempDir
    static Path work;

    @Autowired
    AdminPassword adminPassword;

    @Autowired
    UserService users;

    @BeforeAll
    static void keyringBackend() throws IOException {
        // bin/mini-buildd test installs it (mini-buildd-utils from bookworm-backports); without it this test fails.
        org.assertj.core.api.Assertions.assertThat(CLIENT).as("the reference client mini-buildd-api (Debian package mini-buildd-utils)").isExecutable();
        Files.writeString(work.resolve("mbtestkeyring.py"), """
                import os
                from keyring.backend import KeyringBackend

                class EnvKeyring(KeyringBackend):
                    priority = 1

                    def get_password(self, service, username):
                        return os.environ.get("MB_TEST_PASSWORD")

                    def set_password(self, service, username, password):
                        pass

                    def delete_password(self, service, username):
                        pass
                """, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void accounts() {
        TestCalls.ensureAccounts(users);
    }

    record Run(int exit, String out, String err) {
    }

    private Run client(String password, String... arguments) throws Exception {
        var command = new ArrayList<>(List.of(CLIENT.toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        var env = builder.environment();
        env.put("HOME", work.toString());
        env.put("PYTHONPATH", work.toString());
        env.put("PYTHON_KEYRING_BACKEND", "mbtestkeyring.EnvKeyring");
        if (password != null) {
            env.put("MB_TEST_PASSWORD", password);
        }
        var process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mini-buildd-api finished").isTrue();
        return new Run(process.exitValue(), Files.readString(work.resolve("out")), Files.readString(work.resolve("err")));
    }

    private String endpoint(String user) {
        return "http://" + (user == null ? "" : user + "@") + "localhost:" + port;
    }

    @Test
    void anonymousStatus() throws Exception {
        var run = client(null, "--json", "status", endpoint(null));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"identity\": \"" + IDENTITY + "\"");
    }

    @Test
    void loginAsAdminThenAnAdminCallWithConfirmation() throws Exception {
        var run = client(adminPassword.password(), "--json", "--auto-confirm", "stop", endpoint("admin"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"call\": \"stop\"");
    }

    @Test
    void withoutConfirmationTheCallIsRefusedWithTheReasonTheClientExpects() throws Exception {
        var run = client(adminPassword.password(), "--json", "stop", endpoint("admin"));
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("API call 'stop' needs to be confirmed: stop");
    }

    @Test
    void wrongPasswordIsALoginFailureInTheClient() throws Exception {
        var run = client(adminPassword.password() + "-wrong", "--json", "status", endpoint("admin"));
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("Login for user 'admin' failed");
    }

    @Test
    void anonymousAndTooSmallRolesAreRefusedWithTheirReasons() throws Exception {
        var anonymous = client(null, "--json", "--auto-confirm", "stop", endpoint(null));
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.err()).contains("API call 'stop' needs authorization: ADMIN").contains("401");

        var staff = client(TestCalls.PASSWORD, "--json", "--auto-confirm", "stop", endpoint(TestCalls.STAFF));
        assertThat(staff.exit()).isNotZero();
        assertThat(staff.err()).contains("API call 'stop' needs authorization: ADMIN").contains("403");
    }

    @Test
    void aUserSetsTheirKeyWithTheClientAndTheAdministratorListsUploaders() throws Exception {
        try (var gpg = org.minibuildd.support.UploaderGpg.generate("Client Uploader <client@example.org>")) {
            var set = client(TestCalls.PASSWORD, "--json", "--auto-confirm", "set_user_key", endpoint(TestCalls.USER),
                    gpg.exportArmored());
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).contains(gpg.fingerprint(), "Client Uploader <client@example.org>");

            var bad = client(TestCalls.PASSWORD, "--json", "--auto-confirm", "set_user_key", endpoint(TestCalls.USER),
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm9uc2Vuc2U=\n-----END PGP PUBLIC KEY BLOCK-----");
            assertThat(bad.exit()).isNotZero();
            assertThat(bad.err()).contains("400", "key: ");

            var uploaders = client(adminPassword.password(), "--json", "uploaders", endpoint("admin"));
            assertThat(uploaders.exit()).as(uploaders.err()).isZero();
            assertThat(uploaders.out().strip()).startsWith("{");
        }
    }
}
