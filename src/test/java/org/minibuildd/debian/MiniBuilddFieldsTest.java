package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;

class MiniBuilddFieldsTest {

    @Test
    void fieldsBecomeTheEventKeysOfTheReference() {
        assertThat(MiniBuilddFields.eventKey("X-Mini-Buildd-Upload-To")).isEqualTo("upload_to");
        assertThat(MiniBuilddFields.eventKey("X-Mini-Buildd-Sbuild-Build-Space")).isEqualTo("sbuild_build_space");
        assertThatThrownBy(() -> MiniBuilddFields.eventKey("Distribution")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventStartsWithItsKeysAndTakesTheFieldsButTheTimecode() {
        var extra = MiniBuilddFields.eventBase(new UploadKey("hello", "1.0-1", "20261124:181245:934870"), "amd64",
                "hello_1.0-1_mini-buildd-buildrequest_amd64.changes");
        assertThat(extra).containsExactly(
                java.util.Map.entry("timecode", "20261124:181245:934870"),
                java.util.Map.entry("key", "hello/1.0-1/20261124:181245:934870"),
                java.util.Map.entry("bkey", "hello/1.0-1/20261124:181245:934870/amd64"),
                java.util.Map.entry("changes", "hello/1.0-1/20261124:181245:934870/amd64/hello_1.0-1_mini-buildd-buildrequest_amd64.changes"),
                java.util.Map.entry("architecture", "amd64"));
        var more = new LinkedHashMap<String, Object>(extra);
        MiniBuilddFields.addTo(more, Paragraph.of(List.of(new Field("Source", "hello"),
                new Field("X-Mini-Buildd-Timecode", "other"), new Field("X-Mini-Buildd-Arch-All", " Yes"))));
        assertThat(more).containsEntry("timecode", "20261124:181245:934870").containsEntry("arch_all", "Yes")
                .doesNotContainKey("source").hasSize(6);
    }
}
