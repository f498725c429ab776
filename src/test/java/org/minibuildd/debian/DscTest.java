package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DscTest {

    @Test
    void readsADsc() {
        Dsc d = Dsc.parse(Fixtures.signed(Fixtures.DSC));
        assertThat(d.signed()).isTrue();
        assertThat(d.format()).isEqualTo("3.0 (quilt)");
        assertThat(d.source()).isEqualTo("mbref-hello");
        assertThat(d.version().toString()).isEqualTo("1.0-1~test12+1");
        assertThat(d.binaries()).containsExactly("mbref-hello", "mbref-hello-doc");
        assertThat(d.architectures()).containsExactly("any", "all");
        assertThat(d.buildDepends()).contains("debhelper-compat (= 13)");
        assertThat(d.fileName()).isEqualTo("mbref-hello_1.0-1~test12+1.dsc");
        assertThat(d.files()).containsExactly(new FileEntry("mbref-hello_1.0.orig.tar.gz", 2048, Fixtures.MD5_TAR,
                Fixtures.SHA1_TAR, Fixtures.SHA256_TAR, "", ""));
    }

    @Test
    void faults() {
        assertThatThrownBy(() -> Dsc.parse(Fixtures.DSC.replace("Maintainer: Jane Doe <jane@example.org>\n", "")))
                .isInstanceOf(DebianFormatException.class).hasMessage(".dsc: field \"Maintainer\": missing required field");
        assertThatThrownBy(() -> Dsc.parse(Fixtures.DSC.replaceAll("(?m)^Checksums-Sha256:\n.*\n", "")))
                .hasMessage(".dsc: field \"Checksums-Sha256\": missing required field");
        assertThatThrownBy(() -> Dsc.parse(Fixtures.DSC.replace(" 2048 mbref-hello_1.0.orig.tar.gz\nFiles",
                        " 2048 mbref-hello_1.0.orig.tar.gz\n " + Fixtures.SHA256_DSC + " 1 extra.tar.gz\nFiles")))
                .hasMessage(".dsc line 15: field \"Checksums-Sha256\": file \"extra.tar.gz\" is not listed in \"Files\"");
        assertThatThrownBy(() -> Dsc.parse(Fixtures.DSC.replace(Fixtures.MD5_TAR + " 2048 mbref-hello_1.0.orig.tar.gz",
                        Fixtures.MD5_TAR + " 2048 x:y.tar.gz")))
                .hasMessageContaining("field \"Files\": file name \"x:y.tar.gz\" invalid character ':'");
        assertThatThrownBy(() -> Dsc.parse(Fixtures.DSC.replace(" 2048 mbref-hello_1.0.orig.tar.gz\nChecksums-Sha256",
                        " 2048 mbref-hello_1.0.orig.tar.gz\n " + Fixtures.SHA1_DSC + " 1 x.tar.gz\nChecksums-Sha256")))
                .hasMessageContaining("field \"Checksums-Sha1\": file \"x.tar.gz\" is not listed in \"Files\"");
        assertThatThrownBy(() -> Dsc.parse(Fixtures.DSC.replace("Binary: mbref-hello,", "Binary: Bad_Name,")))
                .hasMessageContaining(".dsc line 3: field \"Binary\": \"Bad_Name\"");
    }
}
