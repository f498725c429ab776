package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello_2.10-3_amd64.deb", "a+b~c_1.0.orig.tar.xz", "x", "mbref-hello_1.0-1~test12+6_amd64.buildlog"})
    void valid(String name) {
        assertThat(FileName.check(name)).isEqualTo(name);
        assertThat(FileName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''            | must not be empty
            .hidden       | must not start with '.'
            -rf           | must not start with '-'
            a..b          | must not contain ".."
            a/b           | invalid character '/'
            a:b           | invalid character ':'
            'a b'         | invalid character U+0020
            a\\b          | invalid character '\\'
            """)
    void invalid(String name, String fault) {
        assertThatThrownBy(() -> FileName.check(name)).isInstanceOf(DebianFormatException.class)
                .hasMessage("File name \"" + name + "\": " + fault
                        + (fault.startsWith("invalid") ? " (allowed: A-Z a-z 0-9 . + ~ _ -)" : ""));
    }

    @Test
    void faultSaysWhatIsWrongInPlainWords() {
        assertThat(FileName.fault("hello_1.0.dsc")).isEmpty();
        assertThat(FileName.fault("../x")).hasValue("must not start with '.'");
        assertThat(FileName.fault("a\u0007b")).hasValue("invalid character U+0007 (allowed: A-Z a-z 0-9 . + ~ _ -)");
    }

    @Test
    void lengthAndPackageNames() {
        assertThat(FileName.isValid("a".repeat(255))).isTrue();
        assertThat(FileName.isValid("a".repeat(256))).isFalse();
        assertThat(PackageName.isValid("g++")).isTrue();
        assertThat(PackageName.isValid("a")).isFalse();
        assertThatThrownBy(() -> PackageName.check("Foo")).hasMessage(
                "Package name \"Foo\": must start with a lower case letter or digit");
        assertThatThrownBy(() -> PackageName.check("fo_o")).hasMessageContaining("invalid character '_'");
    }
}
