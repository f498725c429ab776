package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

    @Test
    void partsAndOriginalForm() {
        Version v = Version.parse("1:2.30-1~test12+1");
        assertThat(v.epoch()).isEqualTo("1");
        assertThat(v.upstream()).isEqualTo("2.30");
        assertThat(v.revision()).isEqualTo("1~test12+1");
        assertThat(v.toString()).isEqualTo("1:2.30-1~test12+1");
        assertThat(v.withoutEpoch()).isEqualTo("2.30-1~test12+1");
        assertThat(Version.parse("00:1.0").toString()).isEqualTo("00:1.0");
        assertThat(Version.parse("1:1.0-2-3").upstream()).isEqualTo("1.0-2");
        assertThat(Version.parse("1:1:0").upstream()).isEqualTo("1:0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.0          | 1.0           | 0
            1.0          | 1.0-0         | 0
            0:1.0        | 1.0           | 0
            1.0~rc1      | 1.0           | -1
            1.0~         | 1.0           | -1
            1.0~~        | 1.0~          | -1
            1.0          | 1.0+b1        | -1
            1.0a         | 1.0+          | -1
            1.0-1        | 1.0-1~test12+1| 1
            1.0-1~test12+1 | 1.0-1~test12+2 | -1
            1:0.1        | 2.0           | 1
            1.10         | 1.9           | 1
            1.001        | 1.1           | 0
            99999999999999999999999999 | 99999999999999999999999998 | 1
            1.000000000000000000000000000001 | 1.1 | 0
            2147483647:1 | 2147483646:9  | 1
            """)
    void comparesLikeDpkg(String a, String b, int expected) {
        assertThat(Integer.signum(Version.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(Version.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''          | must not be empty
            '1.0 '      | must not contain whitespace
            '1 .0'      | must not contain whitespace
            ':1.0'      | epoch before ':' must not be empty
            'a:1.0'     | epoch must be a number
            '-1:1.0'    | epoch must be a number
            '2147483648:1' | epoch is too big
            '1:'        | upstream version must not be empty
            '1.0-'      | revision after '-' must not be empty
            '-1'        | upstream version must not be empty
            'abc'       | upstream version must start with a digit
            '1:abc'     | upstream version must start with a digit
            '1.0_1'     | invalid character '_' in upstream version
            '1.0-1_2'   | invalid character '_' in revision
            '1:1.0-1:2' | invalid character ':' in revision
            '1.0é'      | invalid character U+00E9
            """)
    void rejectsInvalid(String text, String fault) {
        assertThatThrownBy(() -> Version.parse(text)).isInstanceOf(DebianFormatException.class)
                .hasMessageStartingWith("Version \"" + text + "\": ").hasMessageContaining(fault);
        assertThat(Version.isValid(text)).isFalse();
    }

    @Test
    void colonAndHyphenRulesOnConstruction() {
        assertThatThrownBy(() -> new Version("", "1:0", "")).hasMessageContaining("':' is only allowed after an epoch");
        assertThatThrownBy(() -> new Version("", "1-0", "")).hasMessageContaining("'-' is only allowed with a revision");
        assertThat(new Version("", "1-0", "1").toString()).isEqualTo("1-0-1");
    }

    @Test
    void equalityIsTextualOrderIsDpkg() {
        assertThat(Version.parse("1.0")).isNotEqualTo(Version.parse("0:1.0"));
        assertThat(Version.parse("1.0").compareTo(Version.parse("0:1.0"))).isZero();
        assertThat(Version.parse("1.0-1")).isEqualTo(new Version("", "1.0", "1"));
    }
}
