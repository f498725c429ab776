package org.minibuildd.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceKeyStoreTest {

    @TempDir
    Path tmp;

    @Test
    void keyFileIsPrivateAndItsDirectoryToo() throws Exception {
        InstanceKeyStore store = TestInstanceKey.store();
        store.get();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretKeyFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretKeyFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(store.secretKeyFile())).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        try (var files = Files.list(store.secretKeyFile().getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(store.secretKeyFile());
        }
    }

    @Test
    void anExistingKeyIsLoadedNeverRegenerated() throws Exception {
        InstanceKey first = TestInstanceKey.key();
        Path dir = TestInstanceKey.store().secretKeyFile().getParent();
        String before = Files.readString(TestInstanceKey.store().secretKeyFile());

        // Another daemon start, even under a new identity, gets the same key.
        var again = new InstanceKeyStore(dir, "otherid", "other.example.org");
        assertThat(again.exists()).isTrue();
        InstanceKey second = again.get();

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.userId()).isEqualTo(first.userId());
        assertThat(Files.readString(TestInstanceKey.store().secretKeyFile())).isEqualTo(before);
        assertThat(again.get()).isSameAs(second);
    }

    @Test
    void keyIsRsa4096SignAndCertifyWithoutExpiryAndTheMiniBuilddUserId() {
        PublicKeyInfo info = TestInstanceKey.key().info();
        assertThat(info.userIds()).containsExactly("mini-buildd archive myorg <mini-buildd@build.example.org>");
        assertThat(InstanceKeyStore.userId("myorg", "build.example.org"))
                .isEqualTo("mini-buildd archive myorg <mini-buildd@build.example.org>");
        assertThat(info.algorithm()).isEqualTo("RSA");
        assertThat(info.bits()).isEqualTo(4096);
        assertThat(info.expiry()).isEmpty();
        assertThat(info.revoked()).isFalse();
        assertThat(info.subkeyFingerprints()).isEmpty();
        assertThat(info.fingerprint()).matches("[0-9A-F]{40}");
        assertThat(info.fingerprint()).endsWith(info.keyId());
    }

    @Test
    void gpgSeesTheKeyAsWeDescribeIt() {
        try (Gpg gpg = Gpg.create()) {
            Path pub = gpg.file("pub.gpg", TestInstanceKey.key().exportBinary());
            String colons = gpg.gpg("--with-colons", "--show-keys", pub.toString()).requireSuccess().stdout();
            // pub:-:4096:1:<keyid>:<created>:<expires>:...:<capabilities>
            String[] pubLine = colons.lines().filter(l -> l.startsWith("pub:")).findFirst().orElseThrow().split(":");
            assertThat(pubLine[2]).isEqualTo("4096");
            assertThat(pubLine[3]).as("algorithm 1 = RSA").isEqualTo("1");
            assertThat(pubLine[4]).isEqualTo(TestInstanceKey.key().info().keyId());
            assertThat(pubLine[6]).as("no expiry").isEmpty();
            assertThat(pubLine[11]).isEqualTo("scSC");
            assertThat(colons).contains("fpr:::::::::" + TestInstanceKey.key().fingerprint() + ":");
            assertThat(colons).contains("mini-buildd archive myorg <mini-buildd@build.example.org>");

            String packets = gpg.gpg("--list-packets", pub.toString()).requireSuccess().stdout();
            assertThat(packets).contains("pref-hash-algos: 10 9 8");
            assertThat(packets).contains("key flags: 03");
            assertThat(packets).contains("digest algo 10");
        }
    }

    @Test
    void theSecretKeyIsUsableByGpgWithoutPassphrase() throws Exception {
        try (Gpg gpg = Gpg.create()) {
            gpg.gpg("--import", TestInstanceKey.store().secretKeyFile().toString()).requireSuccess();
            Path data = gpg.file("data", "hello\n");
            // Fails if the key were protected: --passphrase '' would not unlock it.
            gpg.gpg("--local-user", TestInstanceKey.key().fingerprint(), "--detach-sign", data.toString())
                    .requireSuccess();
            assertThat(Files.exists(gpg.home.resolve("data.sig"))).isTrue();
        }
    }

    @Test
    void aDamagedKeyFileIsReportedWithItsPathNotReplaced() throws Exception {
        Path keys = tmp.resolve("keys");
        Files.createDirectories(keys);
        Path file = Files.writeString(keys.resolve(InstanceKeyStore.SECRET_KEY_FILE), "garbage\n");
        var store = new InstanceKeyStore(keys, "myorg", "build.example.org");
        assertThatThrownBy(store::get)
                .isInstanceOf(InstanceKeyException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("backup");
        assertThat(Files.readString(file)).isEqualTo("garbage\n");
    }

    @Test
    void aLooseModeOnAnExistingKeyIsTightened() throws Exception {
        Path keys = tmp.resolve("keys");
        Files.createDirectories(keys);
        Path file = keys.resolve(InstanceKeyStore.SECRET_KEY_FILE);
        Files.copy(TestInstanceKey.store().secretKeyFile(), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new InstanceKeyStore(keys, "myorg", "build.example.org").get().fingerprint())
                .isEqualTo(TestInstanceKey.key().fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void userIdPartsMustFitTheUserId() {
        assertThatThrownBy(() -> new InstanceKeyStore(tmp, "a<b", "host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
        assertThatThrownBy(() -> new InstanceKeyStore(tmp, "myorg", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostname");
    }
}
