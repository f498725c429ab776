package org.minibuildd.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.minibuildd.debian.ClearSigned;
import org.minibuildd.openpgp.VerificationException.Reason;

/** Debian's own InRelease, as apt fetched it, against Debian's own archive keyring. */
class DebianArchiveTest {

    private static final Path IN_RELEASE = Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease");
    private static final Path ARCHIVE_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

    private final SignatureVerifier verifier = new SignatureVerifier();

    @Test
    void bookwormInReleaseVerifiesWithEverySignature() throws Exception {
        String text = Files.readString(IN_RELEASE, StandardCharsets.UTF_8);
        // The independent opinion first: gpgv accepts it.
        assertThat(Gpg.gpgv(ARCHIVE_KEYRING, IN_RELEASE).exitCode()).isZero();

        VerifiedText verified = verifier.verifyClearsigned(text, Keyring.read(ARCHIVE_KEYRING));

        assertThat(verified.content()).startsWith("Origin: Debian\n").contains("\nCodename: bookworm\n");
        assertThat(verified.content()).isEqualTo(ClearSigned.parse(text, "InRelease").content());
        // bookworm's InRelease carries three signatures: two by archive subkeys, one by the stable release key.
        assertThat(verified.signatures()).hasSize(3);
        assertThat(verified.signatures()).filteredOn(SignatureInfo::bySubkey).hasSize(2);
        assertThat(verified.signatures()).extracting(SignatureInfo::userId).contains(
                "Debian Archive Automatic Signing Key (12/bookworm) <ftpmaster@debian.org>",
                "Debian Stable Release Key (12/bookworm) <debian-release@lists.debian.org>");
        assertThat(verified.signatures()).extracting(SignatureInfo::signingFingerprint)
                .contains("4CB50190207B4758A3F73A796ED0E7B82643E131", "4D64FEC119C2029067D6E791F8D2585B8783D481");
    }

    @Test
    void anUnrelatedKeyringKnowsNoneOfTheSignersAndSaysWhichThey() throws Exception {
        String text = Files.readString(IN_RELEASE, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verifyClearsigned(text, TestInstanceKey.key().publicKeyring()))
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
                    assertThat(e.keyIds()).contains("6ED0E7B82643E131", "F8D2585B8783D481");
                })
                .hasMessageContaining("6ED0E7B82643E131");
    }

    @Test
    void oneChangedByteInTheContentIsABadSignature() throws Exception {
        String text = Files.readString(IN_RELEASE, StandardCharsets.UTF_8);
        String tampered = text.replaceFirst("Codename: bookworm", "Codename: bookwork");
        assertThat(tampered).isNotEqualTo(text);
        assertThatThrownBy(() -> verifier.verifyClearsigned(tampered, Keyring.read(ARCHIVE_KEYRING)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void theArchiveKeyringReadsAsGpgListsIt() throws Exception {
        Keyring keyring = Keyring.read(ARCHIVE_KEYRING);
        try (Gpg gpg = Gpg.create()) {
            String colons = gpg.gpg("--with-colons", "--show-keys", ARCHIVE_KEYRING.toString()).requireSuccess()
                    .stdout();
            long gpgKeys = colons.lines().filter(l -> l.startsWith("pub:")).count();
            assertThat(keyring.size()).isEqualTo(gpgKeys).isGreaterThan(5);
            for (PublicKeyInfo key : keyring.keys()) {
                assertThat(colons).contains("fpr:::::::::" + key.fingerprint() + ":");
                for (String sub : key.subkeyFingerprints()) {
                    assertThat(colons).contains("fpr:::::::::" + sub + ":");
                }
            }
        }
        PublicKeyInfo release = keyring.find("F8D2585B8783D481").orElseThrow();
        assertThat(release.algorithm()).isEqualTo("EdDSA");
        assertThat(release.userIds()).containsExactly(
                "Debian Stable Release Key (12/bookworm) <debian-release@lists.debian.org>");
        assertThat(keyring.find("0x6ed0e7b82643e131")).as("found by a subkey id")
                .map(PublicKeyInfo::keyId).contains("B7C5D7D6350947F8");
        assertThat(keyring.find("0123456789ABCDEF")).isEmpty();
    }
}
