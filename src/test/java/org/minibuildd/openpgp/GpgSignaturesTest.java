package org.minibuildd.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minibuildd.openpgp.VerificationException.Reason;

/** Signatures made by real gpg (RSA, ed25519, a signing subkey) must verify with our code, and tampering fail. */
class GpgSignaturesTest {

    private static final String RSA = "RSA Tester <rsa@example.org>";
    private static final String ED = "Ed Tester <ed@example.org>";
    private static final String SUB = "Subkey Tester <sub@example.org>";
    private static final String TEXT = "Source: hello\nVersion: 1.0-1\n- dashed\nFrom x\ntrailing  \n\nÜnïcode ✓\n";

    private static Gpg gpg;
    private static String subkeyFingerprint;
    private final SignatureVerifier verifier = new SignatureVerifier();

    @BeforeAll
    static void keys() {
        gpg = Gpg.create();
        gpg.generateKey(RSA, "rsa2048", "sign", "never");
        gpg.generateKey(ED, "ed25519", "sign", "never");
        // Primary key for certification only; all signing goes through a subkey, as many developers' keys do.
        String primary = gpg.generateKey(SUB, "ed25519", "cert", "never");
        gpg.gpg("--quick-add-key", primary, "ed25519", "sign", "never").requireSuccess();
        for (String line : gpg.gpg("--with-colons", "--list-keys", primary).requireSuccess().stdout().split("\n")) {
            if (line.startsWith("fpr:") && !line.contains(primary)) {
                subkeyFingerprint = line.split(":")[9];
            }
        }
        assertThat(subkeyFingerprint).isNotNull();
    }

    @AfterAll
    static void close() {
        gpg.close();
    }

    private static Keyring keyringOf(String userId) {
        return Keyring.parse(gpg.exportPublic(gpg.fingerprintOf(userId)));
    }

    private static String clearsign(String userId, String text) {
        Path in = gpg.file("in.txt", text);
        return gpg.gpg("--local-user", "=" + userId, "--output", "-", "--clearsign", in.toString())
                .requireSuccess().stdout();
    }

    private static byte[] detachSign(String userId, byte[] data, String... extra) {
        Path in = gpg.file("data.bin", data);
        var args = new java.util.ArrayList<>(java.util.List.of("--local-user", "=" + userId, "--output", "-"));
        args.addAll(java.util.List.of(extra));
        args.addAll(java.util.List.of("--detach-sign", in.toString()));
        return gpg.gpg(args.toArray(String[]::new)).requireSuccess().stdoutBytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {RSA, ED, SUB})
    void gpgClearsignedTextsVerify(String userId) {
        String signed = clearsign(userId, TEXT);
        VerifiedText verified = verifier.verifyClearsigned(signed, keyringOf(userId));
        assertThat(verified.content()).isEqualTo(TEXT);
        assertThat(verified.signature().keyFingerprint()).isEqualTo(gpg.fingerprintOf(userId));
        assertThat(verified.signature().userId()).isEqualTo(userId);
        assertThat(verified.signature().created()).isBetween(java.time.Instant.now().minusSeconds(600),
                java.time.Instant.now().plusSeconds(5));
    }

    @Test
    void aSubkeySignatureNamesBothTheSubkeyAndItsPrimaryKey() {
        SignatureInfo info = verifier.verifyClearsigned(clearsign(SUB, TEXT), keyringOf(SUB)).signature();
        assertThat(info.bySubkey()).isTrue();
        assertThat(info.signingFingerprint()).isEqualTo(subkeyFingerprint);
        assertThat(info.keyFingerprint()).isEqualTo(gpg.fingerprintOf(SUB));
    }

    @ParameterizedTest
    @ValueSource(strings = {RSA, ED, SUB})
    void gpgDetachedSignaturesVerifyArmoredAndBinary(String userId) {
        byte[] data = "binary\0data\r\nwith\nline ends\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = detachSign(userId, data);
        byte[] armored = detachSign(userId, data, "--armor");
        assertThat(verifier.verifyDetached(data, binary, keyringOf(userId)).keyFingerprint())
                .isEqualTo(gpg.fingerprintOf(userId));
        assertThat(verifier.verifyDetached(data, new String(armored, StandardCharsets.US_ASCII), keyringOf(userId))
                .keyFingerprint()).isEqualTo(gpg.fingerprintOf(userId));
    }

    @Test
    void textModeDetachedSignaturesVerify() {
        byte[] data = "line one\nline two\r\nthree\n".getBytes(StandardCharsets.UTF_8);
        byte[] sig = detachSign(RSA, data, "--textmode");
        assertThat(verifier.verifyDetached(data, sig, keyringOf(RSA)).userId()).isEqualTo(RSA);
    }

    @ParameterizedTest
    @ValueSource(strings = {RSA, ED, SUB})
    void aChangedByteInTheContentIsABadSignature(String userId) {
        String signed = clearsign(userId, TEXT);
        String tampered = signed.replace("Version: 1.0-1", "Version: 1.0-2");
        assertThat(tampered).isNotEqualTo(signed);
        assertThatThrownBy(() -> verifier.verifyClearsigned(tampered, keyringOf(userId)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                .hasMessageContaining("BAD signature");

        byte[] data = "payload\n".getBytes(StandardCharsets.UTF_8);
        byte[] sig = detachSign(userId, data);
        byte[] changed = "paylaod\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verifyDetached(changed, sig, keyringOf(userId)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void aChangedByteInTheSignatureIsABadSignature() {
        byte[] data = "payload\n".getBytes(StandardCharsets.UTF_8);
        byte[] sig = detachSign(RSA, data);
        sig[sig.length - 1] ^= 0x01;
        assertThatThrownBy(() -> verifier.verifyDetached(data, sig, keyringOf(RSA)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void aKeyOutsideTheKeyringIsUnknownAndNamed() {
        String signed = clearsign(ED, TEXT);
        String keyId = gpg.fingerprintOf(ED).substring(24);
        assertThatThrownBy(() -> verifier.verifyClearsigned(signed, keyringOf(RSA)))
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
                    assertThat(e.keyIds()).containsExactly(keyId);
                })
                .hasMessageContaining(keyId).hasMessageContaining("not in the keyring");
    }

    @Test
    void aKeyringOfSeveralKeysFindsTheSigner() {
        Keyring all = keyringOf(RSA).plus(keyringOf(ED)).plus(keyringOf(SUB)).plus(keyringOf(ED));
        assertThat(all.size()).isEqualTo(3);
        assertThat(verifier.verifyClearsigned(clearsign(SUB, TEXT), all).signature().userId()).isEqualTo(SUB);
    }

    @Test
    void anExpiredKeyIsRefusedAsExpired() {
        String userId = "Expiring <exp@example.org>";
        gpg.generateKey(userId, "ed25519", "sign", "1d");
        String signed = clearsign(userId, TEXT);
        var inThreeDays = new SignatureVerifier(Clock.offset(Clock.systemUTC(), Duration.ofDays(3)));
        assertThatThrownBy(() -> inThreeDays.verifyClearsigned(signed, keyringOf(userId)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.KEY_EXPIRED))
                .hasMessageContaining("expired");
        assertThat(verifier.verifyClearsigned(signed, keyringOf(userId)).content()).isEqualTo(TEXT);
        assertThat(keyringOf(userId).singleKey().expiry()).isPresent();
    }

    @Test
    void aRevokedKeyIsRefusedAsRevoked() throws Exception {
        String userId = "Revoked <rev@example.org>";
        String fingerprint = gpg.generateKey(userId, "ed25519", "sign", "never");
        String signed = clearsign(userId, TEXT);
        // gpg leaves a revocation certificate behind, guarded by a leading ':' against accidental import.
        Path rev = gpg.home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        String certificate = Files.readString(rev).replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----",
                "-----BEGIN PGP PUBLIC KEY BLOCK-----");
        gpg.gpg("--import", gpg.file("rev.asc", certificate).toString()).requireSuccess();
        Keyring revoked = keyringOf(userId);
        assertThat(revoked.singleKey().revoked()).isTrue();
        assertThatThrownBy(() -> verifier.verifyClearsigned(signed, revoked))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.KEY_REVOKED))
                .hasMessageContaining("revoked");
    }

    @Test
    void unsignedAndMalformedTextsAreToldApart() {
        assertThatThrownBy(() -> verifier.verifyClearsigned(TEXT, keyringOf(RSA)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED));
        String signed = clearsign(RSA, TEXT);
        String garbled = signed.substring(0, signed.indexOf("-----BEGIN PGP SIGNATURE-----"))
                + "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n";
        assertThatThrownBy(() -> verifier.verifyClearsigned(garbled, keyringOf(RSA)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        String cut = signed.substring(0, signed.indexOf("-----END PGP SIGNATURE-----"));
        assertThatThrownBy(() -> verifier.verifyClearsigned(cut, keyringOf(RSA)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(() -> verifier.verifyDetached(new byte[] {1}, new byte[0], keyringOf(RSA)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED));
    }

    @Test
    void weVerifyWhatGpgSignsWithOurInstanceKey() throws Exception {
        // The other direction of the instance key: gpg holding our secret key signs, we verify.
        try (Gpg other = Gpg.create()) {
            other.gpg("--import", TestInstanceKey.store().secretKeyFile().toString()).requireSuccess();
            Path in = other.file("in", TEXT);
            String signed = other.gpg("--local-user", TestInstanceKey.key().fingerprint(), "--output", "-",
                    "--clearsign", in.toString()).requireSuccess().stdout();
            assertThat(verifier.verifyClearsigned(signed, TestInstanceKey.key().publicKeyring()).content())
                    .isEqualTo(TEXT);
        }
    }
}
