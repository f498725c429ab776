package org.minibuildd.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minibuildd.openpgp.VerificationException.Reason;

/** Every signature the instance key makes must satisfy Debian's gpgv, and our own verifier. */
class OurSignaturesTest {

    @TempDir
    Path tmp;

    private final SignatureVerifier verifier = new SignatureVerifier();

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("release", "Origin: myorg\nLabel: myorg\nSuite: bookworm\nSHA256:\n"
                        + " 0123456789abcdef 1234 main/binary-amd64/Packages\n"),
                Arguments.of("trailing blanks", "Origin: x   \nLabel: y\t\t\nz \t \n"),
                Arguments.of("dash lines", "-----BEGIN PGP SIGNATURE-----\n- already escaped\n-\n--\nnot-dash\n"),
                Arguments.of("From lines", "From here\nFrom: header\nFrom\n From \n"),
                Arguments.of("empty lines", "\n\na\n\n\nb\n\n"),
                Arguments.of("no final newline", "Origin: myorg\nLabel: myorg"),
                Arguments.of("CRLF", "Origin: myorg\r\nLabel: myorg \r\n\r\n"),
                Arguments.of("UTF-8", "Maintainer: Jörg Müller <jm@example.org>\nDescription: ☃ – ünïcödé ✓\n"),
                Arguments.of("single line", "x"),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void clearsignedTextsPassGpgvAndOurVerifier(String name, String text) throws Exception {
        InstanceKey key = TestInstanceKey.key();
        String signed = key.clearsign(text);

        assertThat(signed).startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n");
        assertThat(signed).endsWith("-----END PGP SIGNATURE-----\n");
        assertThat(signed.lines().filter(l -> l.startsWith("-") && !l.startsWith("- ")
                && !l.startsWith("-----BEGIN PGP S") && !l.startsWith("-----END PGP S"))).isEmpty();

        Path file = Files.writeString(tmp.resolve("InRelease"), signed);
        Gpg.Result gpgv = Gpg.gpgv(TestInstanceKey.keyringFile(tmp), file);
        assertThat(gpgv.exitCode()).as(gpgv.stderr()).isZero();
        assertThat(gpgv.stderr()).contains("Good signature from \"" + key.userId() + "\"");

        VerifiedText verified = verifier.verifyClearsigned(signed, key.publicKeyring());
        String expected = text.replace("\r\n", "\n");
        assertThat(verified.content()).isEqualTo(expected.isEmpty() || expected.endsWith("\n") ? expected
                : expected + "\n");
        assertThat(verified.signature().keyFingerprint()).isEqualTo(key.fingerprint());
        assertThat(verified.signature().hashAlgorithm()).isEqualTo("SHA512");
    }

    @Test
    void gpgVerifyAgreesOnTheContentOfAClearsignedText() {
        String text = "Origin: x \n- dash\nFrom me\n";
        try (Gpg gpg = Gpg.create()) {
            gpg.gpg("--import", TestInstanceKey.keyringFile(tmp).toString()).requireSuccess();
            Path signed = gpg.file("InRelease", TestInstanceKey.key().clearsign(text));
            Gpg.Result result = gpg.gpg("--output", "-", "--decrypt", signed.toString()).requireSuccess();
            // gpg hands back the text unescaped, as signed: without the blanks at line ends.
            assertThat(result.stdout()).isEqualTo("Origin: x\n- dash\nFrom me\n");
            assertThat(result.stderr()).contains("Good signature");
        }
    }

    @Test
    void ourSignaturesUseSha512AndTextModeForInReleaseBinaryForReleaseGpg() {
        try (Gpg gpg = Gpg.create()) {
            String inRelease = TestInstanceKey.key().clearsign("a\n");
            Path signature = gpg.file("InRelease.sig",
                    inRelease.substring(inRelease.indexOf("-----BEGIN PGP SIGNATURE-----")));
            String clear = gpg.gpg("--list-packets", signature.toString()).stdout();
            assertThat(clear).contains("sigclass 0x01").contains("digest algo 10")
                    .contains("issuer fpr v4 " + TestInstanceKey.key().fingerprint());

            Path sig = gpg.file("Release.gpg", TestInstanceKey.key().detachSign("a\n".getBytes()));
            String detached = gpg.gpg("--list-packets", sig.toString()).stdout();
            assertThat(detached).contains("sigclass 0x00").contains("digest algo 10");
        }
    }

    @Test
    void detachedSignaturesPassGpgv() throws Exception {
        byte[] data = new byte[200_000];
        new Random(42).nextBytes(data);
        Path file = Files.write(tmp.resolve("Release"), data);
        String signature = TestInstanceKey.key().detachSign(data);
        assertThat(signature).startsWith("-----BEGIN PGP SIGNATURE-----\n\n").doesNotContain("Version:");
        Path sig = Files.writeString(tmp.resolve("Release.gpg"), signature);

        Gpg.Result gpgv = Gpg.gpgv(TestInstanceKey.keyringFile(tmp), sig, file);
        assertThat(gpgv.exitCode()).as(gpgv.stderr()).isZero();

        SignatureInfo ours = verifier.verifyDetached(data, signature, TestInstanceKey.key().publicKeyring());
        assertThat(ours.signingFingerprint()).isEqualTo(TestInstanceKey.key().fingerprint());
        assertThat(ours.bySubkey()).isFalse();
    }

    @Test
    void streamedDetachedSignaturesPassGpgv() throws Exception {
        byte[] data = new byte[3 * 64 * 1024 + 17];
        new Random(7).nextBytes(data);
        Path file = Files.write(tmp.resolve("big"), data);
        Path sig = Files.writeString(tmp.resolve("big.asc"),
                TestInstanceKey.key().detachSign(new ByteArrayInputStream(data)));
        Gpg.Result gpgv = Gpg.gpgv(TestInstanceKey.keyringFile(tmp), sig, file);
        assertThat(gpgv.exitCode()).as(gpgv.stderr()).isZero();
        assertThat(verifier.verifyDetached(Files.newInputStream(file), Files.readAllBytes(sig),
                TestInstanceKey.key().publicKeyring()).keyFingerprint()).isEqualTo(TestInstanceKey.key().fingerprint());
    }

    @Test
    void aChangedByteInTheContentFailsGpgvAndUs() throws Exception {
        String signed = TestInstanceKey.key().clearsign("Origin: myorg\nLabel: myorg\n");
        String tampered = signed.replace("Label: myorg", "Label: myorh");
        Path file = Files.writeString(tmp.resolve("InRelease"), tampered);
        Gpg.Result gpgv = Gpg.gpgv(TestInstanceKey.keyringFile(tmp), file);
        assertThat(gpgv.exitCode()).isNotZero();
        assertThat(gpgv.stderr()).contains("BAD signature");
        assertThatThrownBy(() -> verifier.verifyClearsigned(tampered, TestInstanceKey.key().publicKeyring()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                .hasMessageContaining(TestInstanceKey.key().info().keyId());

        byte[] data = "some data\n".getBytes(StandardCharsets.UTF_8);
        Path sig = Files.writeString(tmp.resolve("data.asc"), TestInstanceKey.key().detachSign(data));
        data[0] ^= 1;
        Path changed = Files.write(tmp.resolve("data"), data);
        assertThat(Gpg.gpgv(TestInstanceKey.keyringFile(tmp), sig, changed).exitCode()).isNotZero();
        assertThatThrownBy(() -> verifier.verifyDetached(data, Files.readString(sig),
                TestInstanceKey.key().publicKeyring()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void aChangedByteInTheSignatureFailsGpgvAndUs() throws Exception {
        byte[] data = "some data\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("data"), data);
        String signature = TestInstanceKey.key().detachSign(data);
        // The binary signature with one byte of the RSA value flipped (the last byte is inside the MPI).
        byte[] binary = Gpg.run(java.util.List.of("gpg", "--dearmor"), signature.getBytes()).requireSuccess()
                .stdoutBytes();
        binary[binary.length - 1] ^= 0x01;
        Path sig = Files.write(tmp.resolve("data.sig"), binary);
        assertThat(Gpg.gpgv(TestInstanceKey.keyringFile(tmp), sig, file).exitCode()).isNotZero();
        assertThatThrownBy(() -> verifier.verifyDetached(data, binary, TestInstanceKey.key().publicKeyring()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void exportsAreWhatGpgReads() throws Exception {
        InstanceKey key = TestInstanceKey.key();
        assertThat(key.exportArmored()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n")
                .endsWith("-----END PGP PUBLIC KEY BLOCK-----\n").doesNotContain("PRIVATE");
        try (Gpg gpg = Gpg.create()) {
            Path armored = gpg.file("pub.asc", key.exportArmored());
            Gpg.Result imported = gpg.gpg("--import", armored.toString()).requireSuccess();
            assertThat(imported.stderr()).contains("imported: 1").doesNotContain("secret keys read");
            // gpg may re-encode packet headers; the key it hands back must be ours all the same.
            Keyring roundTrip = Keyring.parse(gpg.gpg("--export", key.fingerprint()).requireSuccess().stdoutBytes());
            assertThat(roundTrip.keys()).containsExactly(key.info());
            Path binary = gpg.file("pub.gpg", key.exportBinary());
            assertThat(gpg.gpg("--with-colons", "--show-keys", binary.toString()).requireSuccess().stdout())
                    .contains(key.fingerprint());
        }
    }
}
