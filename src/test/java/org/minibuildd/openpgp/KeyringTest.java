package org.minibuildd.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minibuildd.openpgp.KeyFormatException.Reason;

/** User-supplied keys (AptKey, Uploader): what is a public key is described; anything else is refused clearly. */
class KeyringTest {

    private static final String USER = "Key Owner <owner@example.org>";
    private static Gpg gpg;
    private static String fingerprint;

    @TempDir
    Path tmp;

    @BeforeAll
    static void key() {
        gpg = Gpg.create();
        fingerprint = gpg.generateKey(USER, "rsa3072", "sign", "2y");
    }

    @AfterAll
    static void close() {
        gpg.close();
    }

    @Test
    void anArmoredPublicKeyIsDescribedAsGpgDescribesIt() {
        String armored = gpg.gpg("--armor", "--export", fingerprint).requireSuccess().stdout();
        PublicKeyInfo info = Keyring.parse(armored).singleKey();
        String[] pub = gpg.gpg("--with-colons", "--list-keys", fingerprint).requireSuccess().stdout().lines()
                .filter(l -> l.startsWith("pub:")).findFirst().orElseThrow().split(":");

        assertThat(info.fingerprint()).isEqualTo(fingerprint);
        assertThat(info.keyId()).isEqualTo(pub[4]);
        assertThat(info.userIds()).containsExactly(USER);
        assertThat(info.algorithm()).isEqualTo("RSA");
        assertThat(info.bits()).isEqualTo(3072);
        assertThat(info.created().getEpochSecond()).isEqualTo(Long.parseLong(pub[5]));
        assertThat(info.expiry()).map(java.time.Instant::getEpochSecond).contains(Long.parseLong(pub[6]));
        assertThat(info.revoked()).isFalse();
        // With an explicit usage, --quick-gen-key makes the primary key only.
        assertThat(info.subkeyFingerprints()).isEmpty();
    }

    @Test
    void binaryAndArmoredInputGiveTheSameKey() {
        byte[] binary = gpg.exportPublic(fingerprint);
        String armored = gpg.gpg("--armor", "--export", fingerprint).requireSuccess().stdout();
        assertThat(Keyring.parse(binary).keys()).isEqualTo(Keyring.parse(armored).keys());
        assertThat(Keyring.parse("\n  " + armored).keys()).isEqualTo(Keyring.parse(binary).keys());
    }

    @Test
    void severalKeysExportAsOneKeyringGpgReads() throws Exception {
        Keyring mine = Keyring.parse(gpg.exportPublic(fingerprint));
        Keyring both = mine.plus(TestInstanceKey.key().publicKeyring()).plus(mine);
        assertThat(both.size()).isEqualTo(2);

        for (byte[] export : List.of(both.exportBinary(), both.exportArmored().getBytes(StandardCharsets.US_ASCII))) {
            Path file = Files.write(tmp.resolve("keyring"), export);
            String colons = gpg.gpg("--with-colons", "--show-keys", file.toString()).requireSuccess().stdout();
            assertThat(colons).contains(fingerprint).contains(TestInstanceKey.key().fingerprint());
            assertThat(Keyring.parse(export).keys()).isEqualTo(both.keys());
        }
        assertThat(both.exportArmored()).containsOnlyOnce("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        // Several armored blocks one after another, as people paste them, read as all keys.
        String twoBlocks = mine.exportArmored() + "\n" + TestInstanceKey.key().exportArmored();
        assertThat(Keyring.parse(twoBlocks).size()).isEqualTo(2);
        assertThat(Keyring.union(List.of(mine, both)).size()).isEqualTo(2);
    }

    @Test
    void aKeyringWhereOneKeyIsExpectedIsRefused() {
        Keyring both = Keyring.parse(gpg.exportPublic(fingerprint)).plus(TestInstanceKey.key().publicKeyring());
        assertThatThrownBy(both::singleKey)
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.KEY_COUNT))
                .hasMessageContaining("Expected one OpenPGP public key, but got 2");
    }

    @Test
    void secretKeysAreRefusedArmoredAndBinary() {
        String armored = gpg.gpg("--armor", "--export-secret-keys", fingerprint).requireSuccess().stdout();
        byte[] binary = gpg.gpg("--export-secret-keys", fingerprint).requireSuccess().stdoutBytes();
        for (byte[] input : List.of(armored.getBytes(StandardCharsets.US_ASCII), binary)) {
            assertThatThrownBy(() -> Keyring.parse(input))
                    .isInstanceOfSatisfying(KeyFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.SECRET_KEY))
                    .hasMessageStartingWith("Not an OpenPGP public key: this is a SECRET key");
        }
    }

    @Test
    void emptyInputIsRefused() {
        for (String input : List.of("", "  \n\t\n")) {
            assertThatThrownBy(() -> Keyring.parse(input))
                    .isInstanceOfSatisfying(KeyFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
                    .hasMessageContaining("empty");
        }
    }

    @Test
    void plainTextIsNotAKey() {
        assertThatThrownBy(() -> Keyring.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG me@host\n"))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP))
                .hasMessageStartingWith("Not an OpenPGP public key")
                .hasMessageContaining("gpg --armor --export");
    }

    @Test
    void anX509CertificateIsNotAnOpenPgpKey() {
        Path key = tmp.resolve("key.pem");
        Path cert = tmp.resolve("cert.pem");
        Gpg.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=example.org"), null).requireSuccess();
        assertThatThrownBy(() -> Keyring.read(cert))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP))
                .hasMessageContaining("PEM 'CERTIFICATE'")
                .hasMessageContaining("not OpenPGP");
        // The same certificate in DER, binary.
        byte[] der = Gpg.run(List.of("openssl", "x509", "-in", cert.toString(), "-outform", "DER"), null)
                .requireSuccess().stdoutBytes();
        assertThatThrownBy(() -> Keyring.parse(der))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP));
    }

    @Test
    void randomBytesAndOtherOpenPgpDataAreNotKeys() {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        noise[0] = (byte) 0xff;
        assertThatThrownBy(() -> Keyring.parse(noise))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP));

        String signature = TestInstanceKey.key().detachSign(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Keyring.parse(signature))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP))
                .hasMessageContaining("'signature'");

        String truncated = TestInstanceKey.key().exportArmored().lines().limit(5)
                .reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> Keyring.parse(truncated))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP))
                .hasMessageContaining("cut off");
    }

    @Test
    void aGnupgKeyboxIsExplained() throws Exception {
        byte[] keybox = Files.readAllBytes(gpg.home.resolve("pubring.kbx"));
        assertThatThrownBy(() -> Keyring.parse(keybox))
                .isInstanceOfSatisfying(KeyFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OPENPGP))
                .hasMessageContaining("keybox");
    }
}
