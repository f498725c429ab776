package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void digestsAreTheLowerCaseHexTheChecksumListsCarry() throws Exception {
        var abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Checksum.MD5.of(new ByteArrayInputStream(abc))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(Checksum.SHA1.of(new ByteArrayInputStream(abc))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Checksum.SHA256.of(new ByteArrayInputStream(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                .hasSize(Checksum.SHA256.hexLength());
    }
}
