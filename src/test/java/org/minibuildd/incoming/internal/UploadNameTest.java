package org.minibuildd.incoming.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

/** Which STOR arguments become spool names, and the words of a refusal. */
class UploadNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /incoming | hello_1.0.dsc                 | hello_1.0.dsc
            /incoming | /incoming/hello_1.0.dsc       | hello_1.0.dsc
            /         | incoming/a+b~c_1.0-1_all.deb  | a+b~c_1.0-1_all.deb
            /         | /incoming/x_1_source.changes  | x_1_source.changes
            """)
    void plainNamesInIncomingAreTaken(String cwd, String argument, String name) {
        var result = UploadFtplet.uploadName(cwd, argument);
        assertThat(result.refusal()).isNull();
        assertThat(result.value()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /incoming | ../x                    | Refused file name "../x": must not start with '.'.
            /incoming | .hidden                 | Refused file name ".hidden": must not start with '.'.
            /incoming | a/b                     | Refused file name "a/b": invalid character '/' (allowed: A-Z a-z 0-9 . + ~ _ -).
            /incoming | a..b                    | Refused file name "a..b": must not contain "..".
            /incoming | /incoming/../etc/passwd | Refused file name "../etc/passwd": must not start with '.'.
            /incoming | /etc/passwd             | Refused "/etc/passwd": uploads go into /incoming.
            /         | x.dsc                   | Refused "x.dsc": uploads go into /incoming.
            /incoming | 'a b'                   | Refused file name "a b": invalid character U+0020 (allowed: A-Z a-z 0-9 . + ~ _ -).
            """)
    void hostileNamesAreRefusedWith553AndTheReason(String cwd, String argument, String refusal) {
        var result = UploadFtplet.uploadName(cwd, argument);
        assertThat(result.value()).isNull();
        assertThat(result.code()).isEqualTo(553);
        assertThat(result.refusal()).isEqualTo(refusal);
    }

    @Test
    void controlCharactersAreRefusedAndNeverEchoedRaw() {
        var result = UploadFtplet.uploadName("/incoming", "evil\u0001\u001b[2J.dsc");
        assertThat(result.code()).isEqualTo(553);
        assertThat(result.refusal()).isEqualTo(
                "Refused file name \"evil\\x01\\x1b[2J.dsc\": invalid character U+0001 (allowed: A-Z a-z 0-9 . + ~ _ -).");
        assertThat(UploadFtplet.uploadName("/incoming", "").code()).isEqualTo(501);
        assertThat(UploadFtplet.uploadName("/incoming", null).code()).isEqualTo(501);
    }

    @Test
    void theVirtualTreeResolvesPathsWithoutEverLeavingIt() {
        assertThat(IncomingFileSystem.normalize("/", "incoming")).isEqualTo("/incoming");
        assertThat(IncomingFileSystem.normalize("/incoming", "..")).isEqualTo("/");
        assertThat(IncomingFileSystem.normalize("/incoming", "../../..")).isEqualTo("/");
        assertThat(IncomingFileSystem.normalize("/incoming", "./a//b/../c")).isEqualTo("/incoming/a/c");
        assertThat(IncomingFileSystem.normalize("/", "/incoming/")).isEqualTo("/incoming");
    }

    @Test
    void capsAreNamedInUnitsPeopleRead() {
        assertThat(UploadFtplet.human(DataSize.ofGigabytes(2))).isEqualTo("2 GiB");
        assertThat(UploadFtplet.human(DataSize.ofMegabytes(1))).isEqualTo("1 MiB");
        assertThat(UploadFtplet.human(DataSize.ofKilobytes(3))).isEqualTo("3 KiB");
        assertThat(UploadFtplet.human(DataSize.ofBytes(1000))).isEqualTo("1000 bytes");
    }
}
