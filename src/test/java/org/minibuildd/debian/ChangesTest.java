package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChangesTest {

    @Test
    void readsAnUpload() {
        Changes c = Changes.parse(Fixtures.CHANGES);
        assertThat(c.source()).isEqualTo("mbref-hello");
        assertThat(c.version()).isEqualTo(Version.parse("1.0-1~test12+1"));
        assertThat(c.distribution()).isEqualTo("bookworm-test-unstable");
        assertThat(c.architectures()).containsExactly("source");
        assertThat(c.isSourceOnly()).isTrue();
        assertThat(c.binaries()).isEmpty();
        assertThat(c.changedBy()).contains("Jane Doe <jane@example.org>");
        assertThat(c.changes()).contains("* Initial release.");
        assertThat(c.signed()).isFalse();
        assertThat(c.original()).isEqualTo(Fixtures.CHANGES);
        assertThat(c.files()).containsExactly(
                new FileEntry("mbref-hello_1.0-1~test12+1.dsc", 812, Fixtures.MD5_DSC, Fixtures.SHA1_DSC,
                        Fixtures.SHA256_DSC, "devel", "optional"),
                new FileEntry("mbref-hello_1.0.orig.tar.gz", 2048, Fixtures.MD5_TAR, Fixtures.SHA1_TAR,
                        Fixtures.SHA256_TAR, "devel", "optional"));
        assertThat(c.dsc()).map(FileEntry::name).contains("mbref-hello_1.0-1~test12+1.dsc");
        assertThat(c.toString()).isEqualTo("mbref-hello_1.0-1~test12+1_source.changes");
    }

    @Test
    void signedUploadKeepsLineNumbers() {
        String signed = Fixtures.signed(Fixtures.CHANGES.replace("Version: 1.0-1~test12+1", "Version: 1:abc"));
        assertThatThrownBy(() -> Changes.parse(signed)).isInstanceOf(DebianFormatException.class)
                .hasMessage(".changes line 8: field \"Version\": \"1:abc\": upstream version must start with a digit");
        assertThat(Changes.parse(Fixtures.signed(Fixtures.CHANGES)).signed()).isTrue();
    }

    @Test
    void binaryUploadsNeedBinaryAndDescription() {
        String binary = Fixtures.CHANGES.replace("Architecture: source", "Architecture: source amd64");
        assertThatThrownBy(() -> Changes.parse(binary)).hasMessage(".changes: field \"Binary\": missing required field");
        String ok = binary.replace("Format: 1.8\n", "Format: 1.8\nBinary: mbref-hello\nDescription:\n mbref-hello - x\n");
        assertThat(Changes.parse(ok).binaries()).containsExactly("mbref-hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Format", "Date", "Source", "Architecture", "Version", "Distribution", "Maintainer",
            "Changed-By", "Checksums-Sha1", "Checksums-Sha256"})
    void requiredFields(String field) {
        String text = Fixtures.CHANGES.replaceAll("(?m)^" + field + ":.*\n( .*\n)*", "");
        assertThatThrownBy(() -> Changes.parse(text)).isInstanceOf(DebianFormatException.class)
                .hasMessage(".changes: field \"" + field + "\": missing required field");
    }

    @Test
    void fileListFaults() {
        String c = Fixtures.CHANGES;
        assertFault(c.replace(" devel optional mbref-hello_1.0.orig", " devel mbref-hello_1.0.orig"),
                ".changes line 29: field \"Files\": expected \"<md5> <size> <section> <priority> <name>\"");
        assertFault(c.replace(Fixtures.MD5_TAR, "xyz"),
                ".changes line 29: field \"Files\": checksum \"xyz\" is not 32 hexadecimal digits");
        assertFault(c.replace(Fixtures.SHA256_TAR + " 2048", Fixtures.SHA256_TAR + " 2049"),
                ".changes line 26: field \"Checksums-Sha256\": file \"mbref-hello_1.0.orig.tar.gz\": size 2049"
                        + " differs from 2048 in \"Files\"");
        assertFault(c.replace(Fixtures.SHA1_TAR + " 2048", Fixtures.SHA1_TAR + " 2k"),
                ".changes line 23: field \"Checksums-Sha1\": size \"2k\" is not a number of bytes");
        assertFault(c.replace(Fixtures.SHA1_TAR + " 2048 mbref-hello_1.0.orig.tar.gz",
                        Fixtures.SHA1_TAR + " 2048 other.tar.gz"),
                ".changes line 23: field \"Checksums-Sha1\": file \"other.tar.gz\" is not listed in \"Files\"");
        assertFault(c.replace("optional mbref-hello_1.0.orig.tar.gz", "optional ../etc/passwd"),
                ".changes line 29: field \"Files\": file name \"../etc/passwd\" must not start with '.'");
        assertFault(c.replace("optional mbref-hello_1.0.orig.tar.gz", "optional a/b"),
                ".changes line 29: field \"Files\": file name \"a/b\" invalid character '/' (allowed: A-Z a-z 0-9 . + ~ _ -)");
        assertFault(c.replace("optional mbref-hello_1.0.orig.tar.gz", "optional mbref-hello_1.0-1~test12+1.dsc"),
                ".changes line 29: field \"Files\": file \"mbref-hello_1.0-1~test12+1.dsc\" is listed twice");
    }

    @Test
    void nameFaults() {
        assertFault(Fixtures.CHANGES.replace("Source: mbref-hello", "Source: MBref"),
                ".changes line 3: field \"Source\": source package name \"MBref\" must start with a lower case letter or digit");
        assertFault(Fixtures.CHANGES.replace("Source: mbref-hello", "Source: mbref-hello (x)"),
                ".changes line 3: field \"Source\": expected \"<name>\" or \"<name> (<version>)\"");
        assertThat(Changes.parse(Fixtures.CHANGES.replace("Source: mbref-hello", "Source: mbref-hello (1.0-1)"))
                .source()).isEqualTo("mbref-hello");
        assertFault(Fixtures.CHANGES.replace("Architecture: source", "Architecture: Amd64"),
                ".changes line 4: field \"Architecture\": \"Amd64\" is not an architecture name (a-z 0-9 -)");
        assertFault(Fixtures.CHANGES.replace("Distribution: bookworm-test-unstable", "Distribution:"),
                ".changes line 6: field \"Distribution\": must not be empty");
        assertFault("A: 1\n\nB: 2\n", ".changes: expected exactly one paragraph of fields, found 2");
    }

    private static void assertFault(String text, String message) {
        assertThatThrownBy(() -> Changes.parse(text)).isInstanceOf(DebianFormatException.class).hasMessage(message);
    }
}
