package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadKeyTest {

    @Test
    void namesTheBuildsDirectoriesAndFilesOfAnUpload() {
        var key = new UploadKey("hello", "1:2.0-1", "20261124:181245:934870");
        assertThat(key).hasToString("hello/1:2.0-1/20261124:181245:934870");
        assertThat(key.bkey("amd64")).isEqualTo("hello/1:2.0-1/20261124:181245:934870/amd64");
        assertThat(UploadKey.parse(key.bkey("amd64"))).isEqualTo(key);
        assertThat(UploadKey.parse(key.toString())).isEqualTo(key);
        assertThat(key.buildlog("amd64")).isEqualTo("hello/1:2.0-1/20261124:181245:934870/amd64/hello_2.0-1_amd64.buildlog");
        assertThat(BuildChangesName.BUILD_REQUEST.changesName(key, "amd64")).isEqualTo("hello_2.0-1_mini-buildd-buildrequest_amd64.changes");
    }

    @Test
    void debianFileNamesHaveNoEpoch() {
        assertThat(new UploadKey("hello", "1:2.0-1", "t").dscName()).isEqualTo("hello_2.0-1.dsc");
        assertThat(new UploadKey("hello", "1:2.0-1", "t").sbuildChangesName("amd64")).isEqualTo("hello_2.0-1_amd64.changes");
        assertThat(new UploadKey("hello", "2.0-1", "t").sbuildChangesName("amd64")).isEqualTo("hello_2.0-1_amd64.changes");
    }

    @Test
    void refusesKeysThatWouldEscapeTheirDirectory() {
        assertThatThrownBy(() -> new UploadKey("hello", "1.0", "")).isInstanceOf(DebianFormatException.class);
        assertThatThrownBy(() -> UploadKey.parse("hello/1.0")).isInstanceOf(DebianFormatException.class);
        assertThatThrownBy(() -> new UploadKey("../x", "1.0/..", "t")).isInstanceOf(DebianFormatException.class);
    }
}
