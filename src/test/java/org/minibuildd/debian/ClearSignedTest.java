package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClearSignedTest {

    @Test
    void splitsContentAndSignature() {
        String text = Fixtures.signed("A: 1\n-B: dash\n");
        ClearSigned cs = ClearSigned.parse(text, "t");
        assertThat(cs).isInstanceOf(ClearSigned.Signed.class);
        var s = (ClearSigned.Signed) cs;
        assertThat(s.signed()).isTrue();
        assertThat(s.hashes()).containsExactly("SHA512");
        assertThat(s.content()).isEqualTo("A: 1\n-B: dash\n\n");
        assertThat(s.contentLine()).isEqualTo(4);
        assertThat(s.signature()).isEqualTo(Fixtures.SIGNATURE);
    }

    @Test
    void plainTextIsUnsigned() {
        ClearSigned cs = ClearSigned.parse("A: 1\n", "t");
        assertThat(cs).isEqualTo(new ClearSigned.Unsigned("A: 1\n"));
        assertThat(cs.signed()).isFalse();
        assertThat(cs.contentLine()).isEqualTo(1);
    }

    @Test
    void readsTheReferenceWireFiles() throws Exception {
        for (String name : new String[] {"buildrequest.changes", "buildresult.changes"}) {
            String text = Files.readString(Path.of("src/test/resources/reference/wire", name));
            ClearSigned cs = ClearSigned.parse(text, name);
            assertThat(cs.signed()).isTrue();
            Changes c = Changes.parseInternal(text);
            assertThat(c.source()).isEqualTo("mbref-hello");
            assertThat(c.version().toString()).isEqualTo("1.0-1~test12+6");
            assertThat(c.distribution()).isEqualTo("bookworm-test-unstable");
            assertThat(c.architectures()).containsExactly("amd64");
            assertThat(c.files()).allSatisfy(f -> assertThat(f.section()).isEqualTo("mini-buildd"));
        }
    }

    @Test
    void faults() {
        String header = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n";
        assertThatThrownBy(() -> ClearSigned.parse(header + "A: 1\n", "x.changes"))
                .isInstanceOf(DebianFormatException.class)
                .hasMessageContaining("x.changes line 4: missing \"-----BEGIN PGP SIGNATURE-----\"");
        assertThatThrownBy(() -> ClearSigned.parse(header + "-A\n" + Fixtures.SIGNATURE, "t"))
                .hasMessage("t line 4: a signed line starting with '-' must be dash-escaped as \"- \"");
        assertThatThrownBy(() -> ClearSigned.parse(header + "A\n-----BEGIN PGP SIGNATURE-----\nxx\n", "t"))
                .hasMessageContaining("missing \"-----END PGP SIGNATURE-----\"");
        assertThatThrownBy(() -> ClearSigned.parse(header + "A\n" + Fixtures.SIGNATURE + "Extra: 1\n", "t"))
                .hasMessageContaining("unexpected text after");
        assertThatThrownBy(() -> ClearSigned.parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash SHA256\n", "t"))
                .hasMessage("t line 2: expected an armor header \"Hash: <algorithm>\" or an empty line");
        assertThatThrownBy(() -> ClearSigned.parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n", "t"))
                .hasMessageContaining("expected an empty line after the armor headers");
        assertThatThrownBy(() -> ClearSigned.parse("A: 1\n" + Fixtures.SIGNATURE, "t"))
                .hasMessageContaining("t line 2: OpenPGP armor found");
    }
}
